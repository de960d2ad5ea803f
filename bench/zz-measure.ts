import { getDb, disconnectDb } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { userKeys } from "@/lib/users/search-key";
import { BENCH_PASSWORD, launchChromium, signIn, startNext } from "./app";
import { percentile, round, stop } from "./support";

const url = process.env.DATABASE_URL!;
const db = getDb();
const account = await db.account.findFirstOrThrow({ where: { name: "Acme IT" } });
const email = "measure.admin@bench.example";
if (!(await db.user.findUnique({ where: { email } }))) {
  await db.user.create({ data: { accountId: account.id, email, firstName: "Ada", lastName: "Admin", role: "ADMIN", status: "ACTIVE", passwordHash: await hashPassword(BENCH_PASSWORD), ...userKeys({ firstName: "Ada", lastName: "Admin", email }) } });
}
const group = await db.userGroup.findFirstOrThrow({ where: { accountId: account.id }, orderBy: { name: "asc" } });
await disconnectDb();
const { app, base } = await startNext(url);
const browser = await launchChromium();
try {
  const { header: cookie } = await signIn(browser, base, email);
  const paths = (process.argv[2] ? process.argv[2].split(",") : [
    "/people/users", "/people/users?sort=email", "/people/users?sort=created&dir=desc", "/people/users?status=SUSPENDED", "/people/users?status=SUSPENDED&sort=email",
    "/people/users?role=ADMIN", "/people/users?role=ACCOUNT_HOLDER&sort=email", "/people/users?product=central", `/people/users?group=${group.id}`, "/people/users?group=none&sort=created",
    "/people/users?twoStep=on", "/people/users?q=zoe", "/people/users?q=mull", "/", "/settings/audit-log", "/people/groups",
  ]);
  for (const path of paths) {
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      const r = await fetch(base + path, { headers: { cookie }, redirect: "manual" });
      await r.text();
      if (r.status !== 200) throw new Error(`${path} ${r.status}`);
      if (i >= 5) times.push(performance.now() - t0);
    }
    console.log(`${path}: p50 ${round(percentile(times, 50))} p95 ${round(percentile(times, 95))}`);
  }
} finally {
  await browser.close();
  await stop(app);
}
