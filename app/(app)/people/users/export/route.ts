import type { NextRequest } from "next/server";
import { permittedUser } from "@/lib/auth/require";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";
import { exportUsersCsv } from "@/lib/users/export";
import { parseUserListParams, userFilters } from "@/lib/users/list-params";

/** Export CSV: the users the list shows with the same filters, every page of them. */
export async function GET(request: NextRequest) {
  const user = await permittedUser("users.read");
  if (!user) return new Response("Not found", { status: 404 });
  const filters = userFilters(parseUserListParams(Object.fromEntries(request.nextUrl.searchParams)));
  const stamp = new Date().toISOString().slice(0, 10);
  return csvResponse(exportUsersCsv(getDb(), user.accountId, filters, user.locale), `users-${stamp}.csv`);
}
