import net from "node:net";
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import { mailFrom } from "@/lib/mail/sender";

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The same on every attempt, so a receiving system can recognise a repeat. */
  messageId: string;
}

export interface MailTransport {
  /** "capture" keeps mail in the outbox only: nothing leaves the machine. */
  kind: "smtp" | "capture";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * SMTP_URL set → a pooled nodemailer SMTP transport (`smtp://` with STARTTLS when offered,
 * `smtps://` for implicit TLS; any nodemailer option may be added as a query parameter).
 * Unset → mail is captured: delivery marks it CAPTURED and it is read on Settings > Outbox.
 */
export function createMailTransport(smtpUrl = process.env.SMTP_URL): MailTransport {
  if (!smtpUrl) return { kind: "capture", send: async () => undefined, close: () => undefined };

  const url = new URL(smtpUrl);
  const defaults = { maxConnections: "5", connectionTimeout: "10000", greetingTimeout: "10000", socketTimeout: "30000" };
  for (const [key, value] of Object.entries(defaults)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  const from = mailFrom();
  // Built from the pool class itself: createTransport({ url }) would drop the getSocket option.
  const transport = nodemailer.createTransport(new SMTPPool({ pool: true, url: url.toString(), getSocket: connectWithoutDelay } as unknown as SMTPPool.Options));

  return {
    kind: "smtp",
    async send(email) {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: { "Auto-Submitted": "auto-generated" },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
    close: () => transport.close(),
  };
}

type SocketCallback = (error: null, socket: { connection: net.Socket } | false) => void;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. SMTP ends every message with
 * a small "." write; with Nagle on it waits for the server's delayed ACK, ~40 ms per message per
 * connection (measured: 22 → 600 messages/s on one connection). nodemailer adds TLS on top.
 * If this connection fails, nodemailer connects its own way, so failures are reported as usual.
 */
function connectWithoutDelay(options: { host?: string; port?: number; secure?: boolean; connectionTimeout?: number }, callback: SocketCallback) {
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? (options.secure ? 465 : 587) });
  socket.setNoDelay(true);
  socket.setTimeout(options.connectionTimeout ?? 10_000, () => socket.destroy(new Error("timeout")));
  socket.once("error", () => callback(null, false));
  socket.once("connect", () => {
    socket.setTimeout(0);
    socket.removeAllListeners("error");
    callback(null, { connection: socket });
  });
}

/** A refusal that a retry can't fix: the server answered 5xx to the envelope or the message. */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  return typeof responseCode === "number" && responseCode >= 500 && (code === "EENVELOPE" || code === "EMESSAGE");
}

/** What an admin sees in the outbox: the SMTP code and reply or the network error, never a stack. */
export function describeFailure(error: unknown): string {
  const { code, response, message } = (error ?? {}) as { code?: string; response?: string; message?: string };
  return [code, response ?? message].filter(Boolean).join(": ").replace(/[\r\n]+/g, " ").slice(0, 500) || "Unknown error";
}
