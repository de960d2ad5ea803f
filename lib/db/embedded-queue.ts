import type { PGlite } from "@electric-sql/pglite";

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S': ends an extended-protocol batch (Parse, Bind, Describe, Execute…)
const QUERY = 0x51; // 'Q': a simple query is a batch of its own
const TERMINATE = 0x58; // 'X'

/**
 * Replaces pglite-socket 0.2's query queue, which runs each protocol *message* in turn and so
 * interleaves two connections' Parse/Bind messages on PGlite's single backend ("bind message
 * supplies 2 parameters, but prepared statement requires 3", "portal does not exist") as soon as
 * Prisma and pg-boss query at the same time. Here a connection owns the backend from its first
 * message to the end of its batch — and to the end of its transaction if one is open — while the
 * others wait their turn.
 */
export class ConnectionAwareQueue {
  private waiting: Pending[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.waiting.findIndex((p) => p.handlerId === this.owner);
        if (index === -1 || this.waiting.length === 0) break;
        const [item] = this.waiting.splice(index, 1);
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, { onRawData: (data) => ((bytes += data.length), item.onData(data)) }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        // Type 0 is the untyped startup message (its first byte is the high byte of its length).
        const endsBatch = type === SYNC || type === QUERY || type === TERMINATE || type === 0;
        if (endsBatch && !this.db.isInTransaction()) this.owner = null;
        item.resolve(bytes);
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.waiting = this.waiting.filter((p) => (p.handlerId === handlerId ? (p.reject(new Error("Handler disconnected")), false) : true));
  }

  /** A connection that goes away releases the backend, rolling back its open transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.pump();
  }
}
