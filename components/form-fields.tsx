"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { characterCount } from "@/lib/validation/length";

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

type TextFieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
};

/**
 * A labelled input whose hint and errors are announced with it (aria-describedby). `maxLength` is
 * the server's rule, in characters: the browser's attribute would count UTF-16 units and silently
 * cut a name of 43 mathematical letters to 25, so it is checked here as the user types, with the
 * server's message, and by the server without JavaScript.
 */
export function TextField({ label, hint, errors, className, maxLength, onInput, ...input }: TextFieldProps) {
  const id = useId();
  const t = useTranslations("validation");
  const [tooLong, setTooLong] = useState(false);
  const shown = tooLong && !errors?.length ? [t("tooLong")] : errors;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shown?.length ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600 read-only:bg-slate-100"
        onInput={(event) => {
          if (maxLength !== undefined) setTooLong(characterCount(event.currentTarget.value.trim()) > maxLength);
          onInput?.(event);
        }}
        {...input}
      />
      {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {errorId && <p id={errorId} className="mt-1 text-sm text-red-700">{shown!.join(" ")}</p>}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectFieldProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "value"> & {
  name: string;
  label: string;
  options: Option[];
  /** The initial choice (uncontrolled); pass `selected` + `onChange` to control it. */
  value?: string;
  selected?: string;
  hint?: string;
  errors?: string[];
};

/** A labelled select whose hint and errors are announced with it. */
export function SelectField({ label, options, value, selected, hint, errors, className, ...select }: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <select id={id} {...(selected !== undefined ? { value: selected } : { defaultValue: value })} aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm disabled:bg-slate-100" {...select}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {errorId && <p id={errorId} className="mt-1 text-sm text-red-700">{errors!.join(" ")}</p>}
    </div>
  );
}
