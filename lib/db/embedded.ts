import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { ConnectionAwareQueue } from "./embedded-queue";

export interface EmbeddedDatabase {
  url: string;
  /** The data directory as a gzipped tarball, to start another database from (`loadDataDir`). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  /** A data directory (kept between runs) or undefined for an in-memory database. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir` to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob;
  port?: number;
}

/**
 * Serves an embedded PostgreSQL (PGlite) on 127.0.0.1 so Prisma, pg and pg-boss reach it with a
 * normal postgres:// URL. One process owns a data directory; queries run one at a time.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  const port = options.port ?? 0;
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 100 });
  // pglite-socket 0.2.17 (pinned) interleaves connections message by message; see embedded-queue.ts.
  (server as unknown as { queryQueue: ConnectionAwareQueue }).queryQueue = new ConnectionAwareQueue(db);
  await server.start();
  const actualPort = port || Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`,
    dump: () => db.dumpDataDir("gzip"),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
