"use client";

import Link from "next/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { button } from "@/components/button-styles";
import { FormError } from "@/components/form-fields";
import { useSuccessToast } from "@/components/toast";
import { isolate } from "@/lib/bidi";
import { failureOf } from "@/lib/actions/result";
import { DeleteGroupButton } from "./delete-group-button";
import type { GroupFormAction } from "./types";

/**
 * One group of the table. Managers get Edit, which turns the name into a rename form (Escape or
 * Cancel returns; without JavaScript Edit asks the page for `?rename=<id>`), and Delete.
 */
/** The Edit, Cancel and Delete icons, rendered on the server (no icon code in the page's JavaScript). */
export interface GroupRowIcons {
  edit: React.ReactNode;
  cancel: React.ReactNode;
  delete: React.ReactNode;
}

export function GroupRow({ group, memberCount, actions, icons, renameOpen = false, deleteOpen = false }: {
  group: { id: string; name: string; memberCount: number };
  /** The member count, formatted for the viewer. */
  memberCount: string;
  /** Present when the viewer may manage groups. */
  actions?: { rename: GroupFormAction<{ id: string; name: string }>; delete: GroupFormAction<{ id: string }> };
  icons: GroupRowIcons;
  renameOpen?: boolean;
  deleteOpen?: boolean;
}) {
  return (
    <tr className="border-t border-slate-200 align-top">
      {actions ? (
        <ManagedCells group={group} memberCount={memberCount} actions={actions} icons={icons} renameOpen={renameOpen} deleteOpen={deleteOpen} />
      ) : (
        <>
          <th scope="row" className="px-3 py-2 text-left font-medium break-anywhere">{group.name}</th>
          <td className="px-3 py-2 text-right tabular-nums">{memberCount}</td>
        </>
      )}
    </tr>
  );
}

function ManagedCells({ group, memberCount, actions, icons, renameOpen, deleteOpen }: {
  group: { id: string; name: string; memberCount: number };
  memberCount: string;
  actions: NonNullable<Parameters<typeof GroupRow>[0]["actions"]>;
  icons: GroupRowIcons;
  renameOpen: boolean;
  deleteOpen: boolean;
}) {
  const t = useTranslations("groups");
  const router = useRouter();
  const id = useId();
  const [state, formAction] = useActionState(actions.rename, undefined);
  const failed = failureOf(state);
  // The page rendered with ?rename= opens the form, unless that request was the successful rename itself.
  const [editing, setEditing] = useState(renameOpen && !state?.ok);
  const [seen, setSeen] = useState(state);
  const [submitted, setSubmitted] = useState(group.name);
  const edit = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setEditing(false);
  }
  useSuccessToast(state, state?.ok ? t("renamed", { name: isolate(state.data.name) }) : undefined);
  // Back from the form (saved, Cancel, Escape): focus returns to Edit.
  useEffect(() => {
    if (wasEditing.current && !editing) edit.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const stop = () => {
    setEditing(false);
    if (renameOpen) router.replace("/people/groups", { scroll: false });
  };
  const errors = failed?.fieldErrors?.name;
  const errorId = errors?.length ? `${id}-error` : undefined;

  return (
    <>
      <th scope="row" className="px-3 py-2 text-left font-medium break-anywhere">
        {editing ? (
          <form
            action={formAction}
            onSubmit={(event) => setSubmitted(String(new FormData(event.currentTarget).get("name") ?? ""))}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                stop();
              }
            }}
            className="space-y-1 font-normal"
            noValidate
          >
            <input type="hidden" name="id" value={group.id} />
            <label htmlFor={id} className="sr-only">{t("renameLabel", { name: group.name })}</label>
            <div className="flex flex-wrap items-center gap-2">
              <input
                id={id}
                name="name"
                required
                autoFocus
                autoComplete="off"
                defaultValue={failed ? submitted : group.name}
                aria-invalid={errorId ? true : undefined}
                aria-describedby={errorId}
                className="w-full max-w-56 min-w-0 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-600"
              />
              <button type="submit" className={`${button.primary} ${button.small}`}>{t("rename")}</button>
              <Link href="/people/groups" scroll={false} onClick={(event) => { event.preventDefault(); stop(); }} className={`${button.ghost} ${button.small}`}>
                {icons.cancel}
                {t("cancel")}
              </Link>
            </div>
            {errorId && <p id={errorId} className="text-sm text-red-700">{errors!.join(" ")}</p>}
            <FormError message={failed?.formError} />
          </form>
        ) : (
group.name
        )}
      </th>
      <td className="px-3 py-2 text-right tabular-nums">{memberCount}</td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-start gap-1">
          {!editing && (
            <form method="get" action="/people/groups" onSubmit={(event) => { event.preventDefault(); setEditing(true); }}>
              <input type="hidden" name="rename" value={group.id} />
              <button ref={edit} type="submit" aria-label={t("editLabel", { name: group.name })} className={`${button.ghost} ${button.small}`}>
                {icons.edit}
                {t("edit")}
              </button>
            </form>
          )}
          <DeleteGroupButton action={actions.delete} group={group} open={deleteOpen} icon={icons.delete} />
        </div>
        {!editing && state?.ok && <p role="status" className="mt-1 text-sm text-green-800">{t("renamed", { name: isolate(state.data.name) })}</p>}
      </td>
    </>
  );
}
