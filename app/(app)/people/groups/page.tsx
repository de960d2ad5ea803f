import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pencil, Trash2, X } from "lucide-react";
import { CreateGroupForm } from "@/components/groups/create-group-form";
import { GroupRow } from "@/components/groups/group-row";
import { TableRegion } from "@/components/table-region";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { listGroups } from "@/lib/groups/groups";
import { can } from "@/lib/permissions";
import { createGroupAction, deleteGroupAction, renameGroupAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ delete?: string; rename?: string }> }) {
  const user = await requirePermission("users.read");
  const canManage = can(user.role, "groups.manage");
  const [t, format, groups, params] = await Promise.all([
    getTranslations("groups"),
    getFormatter(),
    listGroups(getDb(), user.accountId, user.locale),
    searchParams,
  ]);
  // The confirm step of a deletion made without JavaScript (see DeleteGroupButton).
  const confirming = canManage ? params.delete : undefined;
  // The rename form of a row opened without JavaScript (see GroupRow).
  const renaming = canManage ? params.rename : undefined;
  // Rendered here, once for all rows (the payload refers to the same markup): no icon code in the page's JavaScript.
  const rowIcons = { edit: <Pencil className="size-4" aria-hidden />, cancel: <X className="size-4" aria-hidden />, delete: <Trash2 className="size-4" aria-hidden /> };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-600">{t("intro")}</p>
      </div>

      {canManage ? (
        <section aria-labelledby="create-group-heading" className="space-y-2">
          <h2 id="create-group-heading" className="text-lg font-semibold">{t("createHeading")}</h2>
          <CreateGroupForm action={createGroupAction} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">{t("readOnly")}</p>
      )}

      {groups.length === 0 ? (
        <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <div className="max-w-4xl">
          <TableRegion label={t("tableRegion")}>
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("name")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("members")}</th>
                  {canManage && <th scope="col" className="w-1 px-3 py-2 whitespace-nowrap">{t("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <GroupRow
                    key={group.id}
                    group={group}
                    memberCount={format.number(group.memberCount)}
                    actions={canManage ? { rename: renameGroupAction, delete: deleteGroupAction } : undefined}
                    icons={rowIcons}
                    renameOpen={renaming === group.id}
                    deleteOpen={confirming === group.id}
                  />
                ))}
              </tbody>
            </table>
          </TableRegion>
        </div>
      )}
    </div>
  );
}
