import { getDatabaseHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getDatabaseHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
