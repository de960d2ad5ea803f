"use client";

import { startTransition, useActionState, useId, useOptimistic, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { CAPABILITIES, type Capabilities, type Capability } from "@/lib/validation/capability-list";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { useHydrated } from "../use-hydrated";

type CapabilitiesAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string } & Capabilities>>;

interface Props {
  userId: string;
  /** The values stored now; the page re-renders with the server's values after every change. */
  values: Capabilities;
  /** Whether the user has Remote Support: the capabilities mean nothing without it. */
  available: boolean;
  /** Present when the viewer may change them; without it the switches are read-only. */
  action?: CapabilitiesAction;
  /** The signed-in user's own capabilities (their profile page). */
  self?: boolean;
  /** Shown beside "Available with Remote Support." for viewers who may add it (an Add Remote Support button). */
  unavailableAction?: ReactNode;
}

const OFF: Capabilities = Object.fromEntries(CAPABILITIES.map((key) => [key, false])) as Capabilities;

const formOf = (userId: string, values: Capabilities) => {
  const form = new FormData();
  form.set("id", userId);
  for (const key of CAPABILITIES) form.set(key, String(values[key]));
  return form;
};

/**
 * The My settings switches. With JavaScript each switch saves at once and shows the stored value;
 * without it they are checkboxes of one form saved with "Save settings".
 */
export function CapabilitySwitches(props: Props) {
  const { action } = props;
  return action ? <EditableSwitches {...props} action={action} /> : <SwitchList {...props} editable={false} />;
}

function EditableSwitches(props: Props & { action: CapabilitiesAction }) {
  const t = useTranslations("capabilities");
  const [state, formAction] = useActionState(props.action, undefined);
  const [shown, setShown] = useOptimistic(props.values);
  const hydrated = useHydrated();
  const editable = props.available;

  const toggle = (key: Capability, checked: boolean) => {
    const next = { ...shown, [key]: checked };
    startTransition(() => {
      setShown(next);
      formAction(formOf(props.userId, next));
    });
  };

  return (
    <form action={formAction} className="max-w-2xl space-y-4">
      <input type="hidden" name="id" value={props.userId} />
      <FormError message={firstError(state)} />
      {state?.ok && <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">{t("saved")}</p>}
      <SwitchList {...props} values={shown} editable={editable} onToggle={hydrated ? toggle : undefined} />
      {/* Without JavaScript the switches are plain checkboxes: this button saves them. */}
      {editable && !hydrated && <SubmitButton>{t("save")}</SubmitButton>}
    </form>
  );
}

function SwitchList({ values: stored, available, editable, self, unavailableAction, onToggle }: Props & { editable: boolean; onToggle?: (key: Capability, checked: boolean) => void }) {
  const t = useTranslations("capabilities");
  const id = useId();
  const noteId = `${id}-note`;
  const note = !available ? t("unavailable") : !editable ? t(self ? "readOnlySelf" : "readOnly") : undefined;
  // Without Remote Support nothing is on, whatever is stored for when it comes back.
  const values = available ? stored : OFF;
  return (
    <fieldset className="space-y-3" aria-describedby={note ? noteId : undefined}>
      <legend className="mb-2 text-lg font-semibold">{t("legend")}</legend>
      {note && (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">
          <p id={noteId}>{note}</p>
          {!available && unavailableAction}
        </div>
      )}
      <ul className="space-y-3">
        {CAPABILITIES.map((key) => {
          const inputId = `${id}-${key}`;
          const descriptionId = `${inputId}-description`;
          return (
            <li key={key} className="rounded-md border border-slate-200 bg-white p-3">
              <div className="flex items-start gap-3">
                {/* The checkbox is drawn as the switch itself (track, and its ::before as the knob). */}
                <input
                  id={inputId}
                  type="checkbox"
                  role="switch"
                  name={key}
                  value="on"
                  checked={values[key]}
                  aria-checked={values[key]}
                  aria-describedby={descriptionId}
                  disabled={!editable}
                  onChange={(event) => onToggle?.(key, event.currentTarget.checked)}
                  className="relative mt-0.5 h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-500 transition-colors before:absolute before:top-0.5 before:left-0.5 before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition-transform checked:bg-brand-600 checked:before:translate-x-5 disabled:cursor-not-allowed disabled:opacity-60"
                />
                <label htmlFor={inputId} className="font-medium text-slate-900">{t(key)}</label>
              </div>
              <p id={descriptionId} className="mt-1 pl-14 text-sm text-slate-700">{t(`${key}Description`)}</p>
            </li>
          );
        })}
      </ul>
      {available && !values.remoteControl && (
        <p role="note" className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">{t(self ? "chatNoteSelf" : "chatNote")}</p>
      )}
    </fieldset>
  );
}
