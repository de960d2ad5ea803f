// The capability switches themselves, without client code: the profile shows them read-only from
// the server (no JavaScript), the editable switches (capability-switches.tsx) wrap them in the browser.
import { useId } from "react";
import { useTranslations } from "next-intl";
import { CAPABILITIES, type Capabilities, type Capability } from "@/lib/validation/capability-list";
import type { CapabilitySwitchesProps } from "./capability-switches";

const OFF: Capabilities = Object.fromEntries(CAPABILITIES.map((key) => [key, false])) as Capabilities;

/** The switches as a fieldset: read-only (disabled) unless `editable`, saving through `onToggle` when given. */
export function CapabilitySwitchList({ values: stored, available, editable, self, unavailableAction, onToggle }: CapabilitySwitchesProps & { editable: boolean; onToggle?: (key: Capability, checked: boolean) => void }) {
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
                  onChange={onToggle && ((event) => onToggle(key, event.currentTarget.checked))}
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
