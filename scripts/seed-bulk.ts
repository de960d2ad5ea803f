// `npm run seed:bulk -- --users 100000 [--account "Acme IT"]`: adds N generated users to one
// account (created if no account has that name) on DATABASE_URL, for load tests and benchmarks.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedBulkUsers } from "@/lib/seed/bulk";
import { createAccount } from "@/lib/seed/accounts";

const usage = 'Usage: npm run seed:bulk -- --users 100000 [--account "Acme IT"]';

let values: { users?: string; account?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { users: { type: "string" }, account: { type: "string" }, help: { type: "boolean", short: "h" } },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(1);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const users = Number(values.users ?? NaN);
if (!Number.isInteger(users) || users < 1) {
  console.error(`--users must be a positive whole number.\n${usage}`);
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error(`DATABASE_URL is not set: point it at the database to fill, e.g.
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/central_admin npm run seed:bulk -- --users ${users}
To fill the embedded database of \`npm start\`, start it with a fixed port — it listens on a random
one otherwise — e.g. EMBEDDED_DB_PORT=55432 npm start, then in another terminal
  DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:55432/postgres?sslmode=disable npm run seed:bulk -- --users ${users}
(the embedded database runs one query at a time: expect it to be much slower than PostgreSQL).`);
  process.exit(1);
}

const accountName = values.account ?? "Acme IT";
const db = getDb();
try {
  let account = await db.account.findFirst({ where: { name: accountName }, orderBy: { createdAt: "asc" } });
  if (!account) {
    ({ account } = await createAccount(db, {
      name: accountName,
      password: crypto.randomBytes(24).toString("base64url"),
      groups: ["Helpdesk", "Field technicians", "Management"],
      seats: { central: 0 },
      users: [],
    }));
    console.log(`Created the account “${accountName}”.`);
  }
  const { inserted, assigned, ms } = await seedBulkUsers(db, { accountId: account.id, users });
  const total = await db.user.count({ where: { accountId: account.id } });
  console.log(
    `Inserted ${inserted.toLocaleString("en")} users into “${accountName}” in ${(ms / 1000).toFixed(1)} s ` +
      `(${assigned.toLocaleString("en")} with a LogMeIn Central licence); the account now has ${total.toLocaleString("en")} users.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
