import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** A client usable inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { centralAdminDb?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the app with `npm start`.");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process, created on first use so tests can set DATABASE_URL first. */
export function getDb(): PrismaClient {
  globalForDb.centralAdminDb ??= createClient();
  return globalForDb.centralAdminDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.centralAdminDb?.$disconnect();
  globalForDb.centralAdminDb = undefined;
}
