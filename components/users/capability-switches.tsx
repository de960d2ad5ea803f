"use client";

import { startTransition, useActionState, useOptimistic, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { firstError, type ActionResult } from "@/lib/actions/result";
import { CAPABILITIES, type Capabilities, type Capability } from "@/lib/validation/capability-list";
import { FormError } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { useHydrated } from "../use-hydrated";
import { CapabilitySwitchList } from "./capability-switch-list";

type CapabilitiesAction = (previous: unknown, input: FormData) => Promise<ActionResult<{ id: string } & Capabilities>>;

export interface CapabilitySwitchesProps {
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
export function CapabilitySwitches(props: CapabilitySwitchesProps) {
  const { action } = props;
  return action ? <EditableSwitches {...props} action={action} /> : <CapabilitySwitchList {...props} editable={false} />;
}

function EditableSwitches(props: CapabilitySwitchesProps & { action: CapabilitiesAction }) {
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
      <CapabilitySwitchList {...props} values={shown} editable={editable} onToggle={hydrated ? toggle : undefined} />
      {/* Without JavaScript the switches are plain checkboxes: this button saves them. */}
      {editable && !hydrated && <SubmitButton>{t("save")}</SubmitButton>}
    </form>
  );
}
