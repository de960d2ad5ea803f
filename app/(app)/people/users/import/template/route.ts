import { permittedUser } from "@/lib/auth/require";
import { csvResponse } from "@/lib/csv/write";
import { getDb } from "@/lib/db/client";
import { templateCsv } from "@/lib/imports/csv-out";
import { groupOptions } from "@/lib/users/list";

/** Download CSV template: in the signed-in user's language, with a BOM for spreadsheet programs. */
export async function GET() {
  const user = await permittedUser("imports.manage");
  if (!user) return new Response("Not found", { status: 404 });
  // The example row names the account's first group (by name), so it imports as it is.
  const [group] = await groupOptions(getDb(), user.accountId);
  return csvResponse(templateCsv(user.locale, group?.name), `central-admin-users-${user.locale}.csv`);
}
