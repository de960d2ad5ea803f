// `npm run worker`: job workers without the web server, for scale-out. Run as many as you like
// against the same DATABASE_URL; set RUN_WORKERS=false on the web servers if all work should run here.
import { disconnectDb } from "@/lib/db/client";
import { startWorkers } from "@/lib/queue/workers";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: a separate worker needs the same PostgreSQL as the app.");
  process.exit(1);
}

const workers = await startWorkers();
console.log(`Worker ${process.pid} started (mail: ${process.env.SMTP_URL ? "SMTP" : "captured"}).`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await workers.stop();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
