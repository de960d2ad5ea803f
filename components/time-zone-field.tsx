"use client";

import { useId, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { TimeZoneOption } from "@/lib/time-zones";
import { useHydrated } from "./use-hydrated";

export type { TimeZoneOption };

interface Props {
  name: string;
  label: string;
  /** The IANA id chosen at first (uncontrolled); pass `value` + `onChange` to control it. */
  defaultValue?: string;
  value?: string;
  onChange?(timeZone: string): void;
  /** Every zone with its label ("Europe/Copenhagen UTC+01:00"), computed on the server (lib/time-zones.ts). */
  zones: readonly TimeZoneOption[];
  hint?: string;
  errors?: string[];
  className?: string;
  /** Shown but not editable (a viewer who may not change it): a disabled select. */
  disabled?: boolean;
}

/** At most this many suggestions at once: typing narrows the list, a long one only slows it down. */
const MAX_SUGGESTIONS = 50;

/** "new york" finds America/New_York, "copenh" Europe/Copenhagen, "+05:30" Asia/Calcutta. */
const normalize = (text: string) => text.toLowerCase().replace(/[\s_]+/g, " ").trim();

/**
 * A time zone, searchable: an ARIA 1.2 combobox (a text box with a list of suggestions; arrow keys,
 * Enter and Escape as in the APG's list-autocomplete example) that submits the IANA id in a hidden
 * input, so the surrounding form works as a plain POST. Before its JavaScript runs it is a select.
 */
export function TimeZoneField({ name, label, defaultValue, value, onChange, zones, hint, errors, className, disabled = false }: Props) {
  const t = useTranslations("timeZone");
  const hydrated = useHydrated();
  const id = useId();
  const [own, setOwn] = useState(defaultValue ?? zones[0]?.id ?? "UTC");
  const selected = value ?? own;
  const labelOf = (zoneId: string) => zones.find((z) => z.id === zoneId)?.label ?? zoneId;
  const [query, setQuery] = useState<string | null>(null); // null: the box shows the chosen zone
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const suggestions = useMemo(() => {
    const words = normalize(query ?? "").split(" ").filter(Boolean);
    const matches = words.length === 0 ? zones : zones.filter((z) => {
      const text = normalize(z.label);
      return words.every((word) => text.includes(word));
    });
    return matches.slice(0, MAX_SUGGESTIONS);
  }, [query, zones]);

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const inputClass = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600";

  if (!hydrated || disabled) {
    return (
      <div className={className}>
        <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-800">{label}</label>
        <select id={`${id}-input`} name={name} defaultValue={selected} disabled={disabled} aria-invalid={errorId ? true : undefined} aria-describedby={describedBy} className={inputClass}>
          {zones.map((z) => <option key={z.id} value={z.id}>{z.label}</option>)}
        </select>
        {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
        {errorId && <p id={errorId} className="mt-1 text-sm text-red-700">{errors!.join(" ")}</p>}
      </div>
    );
  }

  const optionId = (index: number) => `${id}-option-${index}`;
  const listId = `${id}-listbox`;

  function choose(zone: TimeZoneOption) {
    setOwn(zone.id);
    onChange?.(zone.id);
    setQuery(null);
    setOpen(false);
    setActive(-1);
  }

  function moveTo(index: number) {
    setOpen(true);
    setActive(index);
    requestAnimationFrame(() => document.getElementById(optionId(index))?.scrollIntoView({ block: "nearest" }));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const last = suggestions.length - 1;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (last >= 0) moveTo(!open || active >= last ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (last >= 0) moveTo(!open || active <= 0 ? last : active - 1);
    } else if (event.key === "Enter") {
      // Enter picks the highlighted suggestion (or the only one); it doesn't submit the form then.
      const zone = open ? suggestions[active >= 0 ? active : suggestions.length === 1 ? 0 : -1] : undefined;
      if (zone) {
        event.preventDefault();
        choose(zone);
      } else if (open) {
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (open || query !== null) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
        setQuery(null);
      }
    }
  }

  function onBlur(event: React.FocusEvent<HTMLInputElement>) {
    if (listRef.current?.contains(event.relatedTarget as Node | null)) return;
    // A typed zone id counts as chosen; anything else goes back to the zone chosen before.
    const typed = query === null ? undefined : zones.find((z) => normalize(z.id) === normalize(query) || normalize(z.label) === normalize(query));
    if (typed) choose(typed);
    else {
      setQuery(null);
      setOpen(false);
      setActive(-1);
    }
  }

  const expanded = open && suggestions.length > 0;
  return (
    <div className={`relative ${className ?? ""}`}>
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-800">{label}</label>
      <input type="hidden" name={name} value={selected} />
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        value={query ?? labelOf(selected)}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        className={inputClass}
      />
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={t("suggestions")}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {suggestions.map((zone, index) => (
          <li
            key={zone.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the text box keeps the focus, so its blur doesn't close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(zone);
            }}
            className={`cursor-pointer px-3 py-1.5 text-slate-900 ${index === active ? "bg-brand-100" : "hover:bg-slate-100"}`}
          >
            {zone.label}
          </li>
        ))}
      </ul>
      {open && query !== null && suggestions.length === 0 && (
        <p role="status" className="mt-1 text-sm text-slate-600">{t("noMatch")}</p>
      )}
      {hint && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {errorId && <p id={errorId} className="mt-1 text-sm text-red-700">{errors!.join(" ")}</p>}
    </div>
  );
}
