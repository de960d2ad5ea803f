// CSV import on a fresh database of the local PostgreSQL: the upload (parse, validate, store the
// report) and the commit of a 100-row file, the reflection of one batch, and 100 batches of 100
// rows (10,000 users) due at once, drained by one worker process.
import { getDb } from "@/lib/db/client";
import { commitImport, createDraftImport } from "@/lib/imports/batches";
import { reflectImport } from "@/lib/imports/reflect";
import { createAccount } from "@/lib/seed/accounts";
import { asAction, loadActor } from "./as-action";
import type { Result } from "./result";
import { createBenchDatabase, percentile, round, stop } from "./support";
import { startWorkerProcess } from "../tests/support/worker-process";

const settings = { products: ["remote-support"], locale: "fr" as const, timeZone: "Europe/Paris", groupId: null, role: "MEMBER" as const };

function csv(label: string): Uint8Array {
  const rows = Array.from({ length: 100 }, (_, i) => `Zoë ${i};Ørsted;${label}-${i}@bench.example;fr;Europe/Paris;;`);
  return new TextEncoder().encode(["Prénom;Nom;E-mail;Langue;Fuseau horaire;Groupe d'utilisateurs;Rôle dans le compte", ...rows].join("\r\n"));
}

export async function benchImports(serverUrl: string): Promise<Result[]> {
  // One account uploads far more files than the hourly allowance: measure the work, not the limit.
  // Both settings are restored by drop(), so later benchmarks' app processes don't inherit them.
  const { url, drop } = await createBenchDatabase(serverUrl, "imports", { IMPORT_REFLECTION_DELAY: "0s", IMPORTS_PER_HOUR: "1000000" });
  try {
    const email = "admin@bench-imports.example";
    await createAccount(getDb(), { name: "Bench imports", password: "bench imports password", seats: { "remote-support": 100_000 }, users: [{ email, firstName: "Ada", role: "ADMIN" }] });
    const actor = await loadActor(email);
    const upload = (label: string) => asAction(actor, (ctx) => createDraftImport(ctx, { fileName: `${label}.csv`, bytes: csv(label), settings }));

    // 1. Upload and commit, 22 runs each, the first two warm up.
    const uploads: number[] = [];
    const commits: number[] = [];
    const batches: string[] = [];
    for (let run = 0; run < 22; run++) {
      let t0 = performance.now();
      const { id } = await upload(`run${run}`);
      if (run >= 2) uploads.push(performance.now() - t0);
      t0 = performance.now();
      await asAction(actor, (ctx) => commitImport(ctx, id));
      if (run >= 2) commits.push(performance.now() - t0);
      batches.push(id);
    }
    // 2. Reflection of one 100-row batch, in this process: median of 5 after one warm-up.
    const reflections: number[] = [];
    for (const [i, id] of batches.slice(0, 6).entries()) {
      const t0 = performance.now();
      await reflectImport(getDb(), id);
      if (i > 0) reflections.push(performance.now() - t0);
    }
    // 3. 100 batches due at once (the 16 left from above and 84 more), one worker process.
    for (let run = 0; run < 84; run++) {
      const { id } = await upload(`drain${run}`);
      await asAction(actor, (ctx) => commitImport(ctx, id));
    }
    const due = await getDb().importBatch.count({ where: { status: "SCHEDULED" } });
    const t0 = performance.now();
    const worker = startWorkerProcess({ DATABASE_URL: url });
    let drainSeconds = Infinity;
    try {
      const deadline = Date.now() + 180_000;
      while (Date.now() < deadline) {
        if ((await getDb().importBatch.count({ where: { status: { in: ["SCHEDULED", "REFLECTING"] } } })) === 0) {
          drainSeconds = round((performance.now() - t0) / 1000);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await stop(worker);
    }
    const users = await getDb().user.count({ where: { email: { endsWith: "@bench.example" } } });

    const uploadP95 = round(percentile(uploads, 95));
    const commitP95 = round(percentile(commits, 95));
    const reflection = round(percentile(reflections, 50));
    return [
      { name: "import: upload a 100-row file (parse, validate, store the report), p95 of 20", value: uploadP95, unit: "ms", target: "≤ 150 ms", pass: uploadP95 <= 150 },
      { name: "import: commit a 100-row file (schedule the reflection), p95 of 20", value: commitP95, unit: "ms", target: "≤ 200 ms", pass: commitP95 <= 200 },
      { name: "import: reflect one 100-row batch (users, seats, invitations, 100 emails), median of 5", value: reflection, unit: "ms", target: "≤ 1000 ms", pass: reflection <= 1000 },
      { name: `import: ${due} batches of 100 rows due at once, drained by one worker process (incl. its start)`, value: drainSeconds, unit: "s", target: "≤ 30 s", pass: drainSeconds <= 30 && users === 10_600 },
    ];
  } finally {
    await drop();
  }
}
