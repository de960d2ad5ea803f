import { getFormatter, getTranslations } from "next-intl/server";
import { AddPasskeyForm, RemovePasskeyButton, RenamePasskeyForm } from "./passkey-controls";
import { listPasskeys } from "@/lib/auth/passkeys";
import { getDb } from "@/lib/db/client";

/**
 * Profile › Security › Passkeys: the signed-in user's passkeys (name, added, last used) with
 * rename and remove, then "Add a passkey". `userId` is the signed-in user's own id (the page's
 * `requirePermission` result): the actions check ownership again on the server.
 */
export async function PasskeysSection({ userId }: { userId: string }) {
  const t = await getTranslations("passkeys");
  const format = await getFormatter();
  const passkeys = await listPasskeys(getDb(), userId);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="passkeys" className="space-y-3">
      <h2 id="passkeys" className="text-xl font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ul aria-label={t("listLabel")} className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="space-y-2 px-4 py-3">
              <div id={`passkey-${passkey.id}`} className="space-y-1 text-sm">
                {/* <bdi>: a right-to-left name or a bidi override can't reorder what follows it. */}
                <p className="font-medium"><bdi>{passkey.name}</bdi></p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-slate-700">
                  <dt>{t("added")}</dt>
                  <dd>{when(passkey.createdAt)}</dd>
                  <dt>{t("lastUsed")}</dt>
                  <dd>{passkey.lastUsedAt ? when(passkey.lastUsedAt) : t("neverUsed")}</dd>
                </dl>
              </div>
              <div className="flex flex-wrap items-start gap-3">
                <RenamePasskeyForm passkey={{ id: passkey.id, name: passkey.name }} />
                <RemovePasskeyButton passkey={{ id: passkey.id, name: passkey.name }} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <AddPasskeyForm />
    </section>
  );
}
