// Add user with 100 rows and one product: the server's work for one submission (the action's
// transaction: users, seats, invitations, 100 rendered welcome emails and jobs, audit).
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/lib/seed/accounts";
import { addUsers } from "@/lib/users/add";
import { addUsersSchema } from "@/lib/validation/add-users";
import { asAction, loadActor } from "./as-action";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round } from "./support";

export async function benchAddUsers(serverUrl: string): Promise<Result[]> {
  const { drop } = await createBenchDatabase(serverUrl, "add_users");
  try {
    const email = "admin@bench-add-users.example";
    await createAccount(getDb(), {
      name: "Bench add users", password: "bench add users password", seats: { "remote-support": 10_000 },
      users: [{ email, firstName: "Ada", role: "ADMIN" }],
    });
    const actor = await loadActor(email);
    const times: number[] = [];
    for (let run = 0; run < 22; run++) {
      const input = addUsersSchema.parse({
        firstName: Array.from({ length: 100 }, (_, i) => `Zoë ${i}`),
        lastName: Array.from({ length: 100 }, () => "Ørsted"),
        email: Array.from({ length: 100 }, (_, i) => `run${run}-row${i}@bench.example`),
        products: "remote-support", timeZone: "Europe/Paris", groupId: "none", locale: "fr", role: "MEMBER",
      });
      const t0 = performance.now();
      const summary = await asAction(actor, (ctx) => addUsers(ctx, input));
      if (summary.created !== 100) throw new Error(`created ${summary.created}, not 100`);
      if (run >= 2) times.push(performance.now() - t0); // two warm-up runs
    }
    const p95 = round(percentile(times, 95));
    return [{ name: "add users: submit 100 rows with one product, server time p95 (20 runs)", value: p95, unit: "ms", target: "≤ 500 ms", pass: p95 <= 500 }];
  } finally {
    await drop();
  }
}
