// A real SMTP server on 127.0.0.1 for tests and benchmarks (smtp-server + mailparser, from
// Nodemailer's authors). It records what it accepted; it can be told to answer 451 (try later) to
// every message, or to hold its replies so a test can cut the connection mid-transaction.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../scripts/free-port";

export interface ReceivedMail {
  messageId: string;
  parsed: ParsedMail;
}

type Mode = "accept" | "refuse" | "reject" | "hold";

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Messages fully transmitted whose reply is being held. */
  held(): number;
  /** "accept" (default), "refuse" (451: try later), "reject" (550: never) or "hold" (no reply until release()). */
  setMode(mode: Mode): void;
  /** Answers held messages: accepted if the client is still connected, otherwise dropped. */
  release(): void;
  /** Resolves once every connection with a held message has been closed by the client. */
  heldConnectionsClosed(timeoutMs?: number): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `parse: false` skips mailparser (benchmarks): only the Message-ID is read from the raw headers. */
export async function startSmtpServer(options: { port?: number; parse?: boolean } = {}): Promise<TestSmtpServer> {
  const port = options.port ?? (await freePort());
  const received: ReceivedMail[] = [];
  const closed = new Set<string>();
  let mode: Mode = "accept";
  let holding: Array<{ session: string; answer: () => void }> = [];

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        if (mode === "refuse") return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        if (mode === "reject") return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
        const accept = async () => {
          if (closed.has(session.id)) return; // the client left before our 250: nothing was accepted
          if (options.parse === false) {
            const messageId = /^message-id:\s*(\S+)/im.exec(raw.subarray(0, 4096).toString("latin1"))?.[1] ?? "";
            received.push({ messageId, parsed: undefined as unknown as ParsedMail });
          } else {
            const parsed = await simpleParser(raw);
            received.push({ messageId: parsed.messageId ?? "", parsed });
          }
          callback();
        };
        if (mode === "hold") holding.push({ session: session.id, answer: () => void accept() });
        else await accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  server.on("error", () => undefined);

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    held: () => holding.length,
    setMode(next) {
      mode = next;
    },
    release() {
      const pending = holding;
      holding = [];
      for (const { answer } of pending) answer();
    },
    async heldConnectionsClosed(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!holding.every(({ session }) => closed.has(session))) {
        if (Date.now() > deadline) throw new Error("The client kept its connections open");
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`SMTP server received ${received.length} of ${count} messages`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
