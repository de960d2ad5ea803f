// SCIM at scale (issue 17), against the users benchmark's running app and account:
//   - `GET /scim/v2/Users?filter=userName eq "…"` over the account's users (a different user each
//     time), p95;
//   - provisioning 1,000 users one POST at a time from 4 concurrent clients, as Entra ID's initial
//     cycle does: total time and p95 per request.
import crypto from "node:crypto";
import type pg from "pg";
import type { Result } from "./result";
import { percentile, round } from "./support";

export async function benchScim(base: string, secret: string, sql: pg.Client, accountId: string, at: string): Promise<Result[]> {
  const results: Result[] = [];
  const headers = { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" };

  const { rows } = await sql.query<{ email: string }>(`SELECT email FROM "User" WHERE "accountId" = $1 ORDER BY random() LIMIT 120`, [accountId]);
  const lookups: number[] = [];
  for (const [i, { email }] of rows.entries()) {
    const t0 = performance.now();
    const response = await fetch(`${base}/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`, { headers });
    const body = (await response.json()) as { totalResults: number };
    if (response.status !== 200 || body.totalResults !== 1) throw new Error(`SCIM filter ${email} → ${response.status} ${JSON.stringify(body)}`);
    if (i >= 20) lookups.push(performance.now() - t0); // the first 20 warm up
  }
  const lookupP95 = round(percentile(lookups, 95));
  results.push({ name: `SCIM GET /Users?filter=userName eq … p95 ${at}`, value: lookupP95, unit: "ms", target: "≤ 30 ms", pass: lookupP95 <= 30 });

  const run = crypto.randomBytes(3).toString("hex");
  const times: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < 1000) {
      const n = next++;
      const email = `scim-${run}-${n}@bench-scim.example`;
      const t0 = performance.now();
      const response = await fetch(`${base}/scim/v2/Users`, {
        method: "POST",
        headers,
        body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, externalId: `ext-${run}-${n}`, name: { givenName: "Scim", familyName: `User ${n}` }, active: true }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`SCIM POST ${email} → ${response.status}`);
      times.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all([client(), client(), client(), client()]);
  const totalS = round((performance.now() - t0) / 1000);
  const p95 = round(percentile(times, 95));
  results.push({ name: `SCIM provision 1,000 users, one POST each, 4 concurrent clients: total ${at}`, value: totalS, unit: "s", target: "≤ 60 s", pass: totalS <= 60 });
  results.push({ name: `SCIM provision 1,000 users, 4 concurrent clients: p95 per request ${at}`, value: p95, unit: "ms", target: "≤ 150 ms", pass: p95 <= 150 });
  return results;
}
