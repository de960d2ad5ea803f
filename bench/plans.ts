// `node --conditions=react-server --import tsx bench/plans.ts [accountName]` on DATABASE_URL: the
// plan, time and buffers of page 1 and a deep page of every users-list view (each filter alone,
// with each sort, and searches), as EXPLAIN (ANALYZE, BUFFERS) reports them. How decision 0028
// chose its indexes; run it on an account seeded with `npm run seed:bulk`.
import pg from "pg";
import { getDb } from "@/lib/db/client";
import { resolveFilters, userPageQuery } from "@/lib/users/list";
import { parseUserListParams, USER_SORTS } from "@/lib/users/list-params";

const db = getDb();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const accountName = process.argv[2] ?? "Acme IT";
const { rows: [account] } = await client.query<{ id: string }>(`SELECT id FROM "Account" WHERE name = $1 ORDER BY "createdAt" LIMIT 1`, [accountName]);
const { rows: [group] } = await client.query<{ id: string }>(`SELECT id FROM "UserGroup" WHERE "accountId" = $1 ORDER BY name LIMIT 1`, [account.id]);
const { rows: [{ count }] } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM "User" WHERE "accountId" = $1`, [account.id]);

const views: Record<string, string>[] = [
  {}, { status: "SUSPENDED" }, { status: "TRANSFER_PENDING" }, { status: "ACTIVE" }, { role: "ADMIN" }, { role: "ACCOUNT_HOLDER" },
  { product: "central" }, { product: "remote-support" }, { group: group.id }, { group: "none" }, { twoStep: "on" }, { twoStep: "off" },
  { q: "zoe" }, { q: "mull" }, { q: "zoe", status: "SUSPENDED" }, { status: "SUSPENDED", role: "ADMIN" },
];


for (const view of views) {
  for (const sort of USER_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      const params = parseUserListParams({ ...view, sort, dir });
      const query = userPageQuery(account.id, await resolveFilters(db, account.id, params), dir);
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`, query.values);
      const plan = rows[0]["QUERY PLAN"][0];
      const nodes: string[] = [];
      const walk = (node: { "Node Type": string; "Index Name"?: string; "Relation Name"?: string; "Actual Rows": number; Plans?: unknown[] }) => {
        nodes.push(`${node["Node Type"]}${node["Index Name"] ? `(${node["Index Name"].replace(/^User_|_idx$/g, "")})` : node["Relation Name"] ? `(${node["Relation Name"]})` : ""}:${node["Actual Rows"]}`);
        for (const child of (node.Plans ?? []) as (typeof node)[]) walk(child);
      };
      walk(plan.Plan);
      const buffers = plan.Plan["Shared Hit Blocks"] + plan.Plan["Shared Read Blocks"];
      console.log(`${JSON.stringify(view)} ${sort} ${dir}: ${plan["Execution Time"].toFixed(1)} ms, ${buffers} buffers — ${nodes.join(" > ")}`);
    }
  }
}
console.log(`${count.toLocaleString("en")} users in “${accountName}”`);
await client.end();
await db.$disconnect();
