// "Forgot password?": the answer time for an existing and an unknown address on a fresh database
// of the machine's PostgreSQL. The request (rate-limit reservation + queued job) is what the page
// waits for; the lookup and the email happen later, in a job. 200 of each, interleaved in
// alternating order, after a warm-up; the ratio of the medians should be about 1.
import { getDb } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { createAccount } from "@/lib/seed/accounts";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round } from "./support";

export async function benchPasswordReset(serverUrl: string): Promise<Result[]> {
  // Limits far above the run's requests: every request does the full work.
  const { drop } = await createBenchDatabase(serverUrl, "reset", { PASSWORD_RESETS_PER_EMAIL: "100000", PASSWORD_RESETS_PER_IP: "100000" });
  try {
    const existing = "member@bench-reset.example";
    await createAccount(getDb(), { name: "Bench reset", password: "bench reset password", users: [{ email: existing, firstName: "Milo", role: "MEMBER" }] });
    const unknown = "nobody@bench-reset.example";
    const timed = async (email: string) => {
      const t0 = performance.now();
      await requestPasswordReset(getDb(), { email, ip: "203.0.113.50" });
      return performance.now() - t0;
    };
    for (let i = 0; i < 40; i++) await timed(i % 2 ? existing : unknown);
    const times = { existing: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 200; i++) {
      const order = i % 2 ? (["existing", "unknown"] as const) : (["unknown", "existing"] as const);
      for (const which of order) times[which].push(await timed(which === "existing" ? existing : unknown));
    }
    const [a, b] = [percentile(times.existing, 50), percentile(times.unknown, 50)];
    const ratio = round(a / b, 3);
    return [
      { name: `forgot password: answer time existing / unknown address, ratio of medians (${round(a, 2)} ms / ${round(b, 2)} ms, 200 each)`, value: ratio, unit: "×", target: "0.9–1.1", pass: ratio >= 0.9 && ratio <= 1.1 },
    ];
  } finally {
    await drop();
  }
}
