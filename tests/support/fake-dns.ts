// A real DNS server on 127.0.0.1 (dns2, UDP) answering TXT queries for the names a test sets and
// NXDOMAIN for the rest. Plain UDP, so an app in another process can use it (SSO_DNS_SERVERS).
import type { AddressInfo } from "node:net";
import dns2 from "dns2";

const { Packet } = dns2;
// Response codes (RFC 1035 §4.1.1); dns2 has them as Packet.RCODE but does not type them.
const SERVFAIL = 2;
const NXDOMAIN = 3;

export interface FakeDns {
  /** "127.0.0.1:<port>", the form SSO_DNS_SERVERS takes. */
  server: string;
  /** One TXT record per value; a value given as an array is one record in those chunks. Longer strings are cut into 255-byte chunks, as DNS requires. */
  setTxt(name: string, values: Array<string | string[]>): void;
  /** Answers SERVFAIL for this name. */
  setServfail(name: string): void;
  clear(): void;
  stop(): Promise<void>;
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

function chunks(value: string): string[] {
  const bytes = Buffer.from(value, "utf8");
  const out: string[] = [];
  for (let at = 0; at < bytes.length; at += 255) out.push(bytes.subarray(at, at + 255).toString("utf8"));
  return out.length ? out : [""];
}

/** On a free port unless `port` is given (the end-to-end app is started pointing at a fixed one). */
export async function startFakeDns(options: { port?: number } = {}): Promise<FakeDns> {
  const records = new Map<string, string[][]>();
  const failing = new Set<string>();

  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const [question] = request.questions;
    const name = question ? normalize(question.name) : "";
    if (failing.has(name)) {
      response.header.rcode = SERVFAIL;
    } else if (!records.has(name)) {
      response.header.rcode = NXDOMAIN;
    } else if (question.type === Packet.TYPE.TXT || question.type === Packet.TYPE.ANY) {
      for (const data of records.get(name) ?? []) {
        response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data } as (typeof response.answers)[number]);
      }
    } // another type at a known name: NOERROR without answers (NODATA)
    void send(response);
  });
  // A port already taken is an error here, not a promise that never settles (dns2's listen waits for "listening" only).
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    void server.listen(options.port ?? 0, "127.0.0.1").then(() => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    server: `127.0.0.1:${port}`,
    setTxt(name, values) {
      records.set(
        normalize(name),
        values.map((value) => (Array.isArray(value) ? value : chunks(value))),
      );
    },
    setServfail(name) {
      failing.add(normalize(name));
    },
    clear() {
      records.clear();
      failing.clear();
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
