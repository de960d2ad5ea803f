import { getCurrentUser } from "@/lib/auth/current-user";
import { clearSessionCookie } from "@/lib/auth/session-cookie";

export const dynamic = "force-dynamic";

// Pages send a request whose session cookie the server refused (signed out elsewhere, revoked,
// expired) here: the cookie is cleared, then the sign-in page. A session that still works is left
// alone, so a link to this address can't sign anyone out. Relative Locations: never the Host header.
export async function GET() {
  if (await getCurrentUser()) return new Response(null, { status: 303, headers: { Location: "/" } });
  await clearSessionCookie();
  return new Response(null, { status: 303, headers: { Location: "/sign-in", "Cache-Control": "no-store" } });
}
