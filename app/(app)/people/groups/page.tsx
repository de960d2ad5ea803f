import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateGroupForm } from "@/components/groups/create-group-form";
import { DeleteGroupButton } from "@/components/groups/delete-group-button";
import { RenameGroupForm } from "@/components/groups/rename-group-form";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { listGroups } from "@/lib/groups/groups";
import { can } from "@/lib/permissions";
import { createGroupAction, deleteGroupAction, renameGroupAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage({ searchParams }: { searchParams: Promise<{ delete?: string }> }) {
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
        <table className="w-full max-w-4xl border-collapse bg-white text-sm">
          <caption className="sr-only">{t("title")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t("name")}</th>
              <th scope="col" className="px-3 py-2 text-right">{t("members")}</th>
              {canManage && <th scope="col" className="px-3 py-2">{t("actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id} className="border-t border-slate-200 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium break-all">{group.name}</th>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(group.memberCount)}</td>
                {canManage && (
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-start gap-2">
                      <RenameGroupForm action={renameGroupAction} group={group} />
                      <DeleteGroupButton action={deleteGroupAction} group={group} open={confirming === group.id} />
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
