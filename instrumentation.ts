// Runs once when a Next.js server starts: the job workers live in the web server process unless
// RUN_WORKERS=false (then run `npm run worker` processes instead).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.RUN_WORKERS === "false") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorkers } = await import("@/lib/queue/in-process");
  await startInProcessWorkers();
}
