import "server-only";
import { startWorkers } from "@/lib/queue/workers";

/** The web server's own workers, stopped gracefully with the server. */
export async function startInProcessWorkers(): Promise<void> {
  const workers = await startWorkers();
  const stop = () => void workers.stop();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
