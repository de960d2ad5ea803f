import { getFormatter, getTranslations } from "next-intl/server";
import { TableRegion } from "../table-region";
import { EmailText } from "./email-text";

interface PendingTransfer {
  id: string;
  email: string;
  invitedBy: string | null;
  sentAt: Date;
  expiresAt: Date;
}

/** Users of other accounts invited to move here who haven't answered: they join the list on accepting. */
export async function PendingTransfers({ transfers }: { transfers: PendingTransfer[] }) {
  if (transfers.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations("users.pendingTransfers"), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <details className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <summary className="cursor-pointer font-medium">{t("summary", { count: transfers.length })}</summary>
      <p className="mt-2 text-slate-700">{t("hint")}</p>
      <div className="mt-2">
      <TableRegion label={t("caption")}>
      <table className="w-full border-collapse bg-white">
        <caption className="sr-only">{t("caption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="px-3 py-2">{t("email")}</th>
            <th scope="col" className="px-3 py-2">{t("invitedBy")}</th>
            <th scope="col" className="px-3 py-2">{t("sent")}</th>
            <th scope="col" className="px-3 py-2">{t("expires")}</th>
          </tr>
        </thead>
        <tbody>
          {transfers.map((p) => (
            <tr key={p.id} className="border-b border-slate-100">
              <td className="min-w-[10rem] px-3 py-2"><EmailText email={p.email} /></td>
              <td className="px-3 py-2">{p.invitedBy ?? t("formerUser")}</td>
              <td className="px-3 py-2">{date(p.sentAt)}</td>
              <td className="px-3 py-2">{date(p.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableRegion>
      </div>
    </details>
  );
}
