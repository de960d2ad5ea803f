"use client";

import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { filterQuery } from "@/lib/users/filter-query";

const SEARCH_DELAY_MS = 300;

/**
 * The users list's search and filters as a plain GET form (it works before JavaScript loads, with
 * its Apply button) that, with JavaScript, updates the list as you type: the search ~300 ms after
 * the last key, a filter at once. The address is replaced, not pushed, and the page isn't
 * reloaded; the page cursor is dropped because the fields don't carry it.
 */
export function UsersFilterForm({ action, viewKey, label, updatingLabel, className, children }: {
  action: string;
  /** filterQuery() of the view the server rendered. */
  viewKey: string;
  label: string;
  updatingLabel: string;
  className?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const requested = useRef(viewKey);
  const [pending, startTransition] = useTransition();
  // A view this form didn't ask for (Clear, Back): render the fields afresh with its values.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (viewKey !== requested.current) {
      requested.current = viewKey;
      setGeneration((g) => g + 1);
    }
  }, [viewKey]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const navigate = () => {
    clearTimeout(timer.current);
    if (!form.current) return;
    const entries = [...new FormData(form.current).entries()].map(([key, value]): [string, string] => [key, String(value)]);
    const query = filterQuery(entries);
    if (query === requested.current) return;
    requested.current = query;
    startTransition(() => router.replace(query ? `${action}?${query}` : action, { scroll: false }));
  };

  return (
    <form
      key={generation}
      ref={form}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      aria-busy={pending || undefined}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        navigate();
      }}
      onChange={(event) => {
        const target = event.target as EventTarget as HTMLInputElement | HTMLSelectElement;
        if (target.tagName === "SELECT") navigate();
        else if (target.name === "q") {
          clearTimeout(timer.current);
          timer.current = setTimeout(navigate, SEARCH_DELAY_MS);
        }
      }}
    >
      {children}
      <p role="status" className="basis-full text-xs text-slate-600 empty:hidden sm:basis-auto sm:self-center">{pending ? updatingLabel : ""}</p>
    </form>
  );
}
