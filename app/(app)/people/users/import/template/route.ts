import { permittedUser } from "@/lib/auth/require";
import { csvResponse } from "@/lib/csv/write";
import { templateCsv } from "@/lib/imports/csv-out";

/** Download CSV template: in the signed-in user's language, with a BOM for spreadsheet programs. */
export async function GET() {
  const user = await permittedUser("imports.manage");
  if (!user) return new Response("Not found", { status: 404 });
  return csvResponse(templateCsv(user.locale), `central-admin-users-${user.locale}.csv`);
}
