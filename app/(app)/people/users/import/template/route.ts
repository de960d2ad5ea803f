import { permittedUser } from "@/lib/auth/require";
import { templateCsv } from "@/lib/imports/csv-out";

/** Download CSV template: in the signed-in user's language, with a BOM for spreadsheet programs. */
export async function GET() {
  const user = await permittedUser("imports.manage");
  if (!user) return new Response("Not found", { status: 404 });
  return new Response(templateCsv(user.locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="central-admin-users-${user.locale}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
