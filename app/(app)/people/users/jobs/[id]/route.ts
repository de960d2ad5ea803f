import { permittedUser } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { bulkJobView } from "@/lib/users/bulk-job";
import { isUuid } from "@/lib/validation/uuid";

/** A bulk job's progress, polled by the users page while it runs; another account's id is a 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await permittedUser("users.read");
  const { id } = await params;
  const job = user && isUuid(id) ? await bulkJobView(getDb(), user.accountId, id) : null;
  if (!job) return new Response("Not found", { status: 404 });
  return Response.json(job, { headers: { "Cache-Control": "no-store" } });
}
