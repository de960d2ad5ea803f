"use client";

import Link from "next/link";
import { lazy, Suspense, useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { failureOf, toPlainInput, type ActionResult, type FieldErrors } from "@/lib/actions/result";
import type { AppLocale } from "@/lib/i18n/locales";
import type { TemplateSource } from "@/lib/mail/template-variables";
import type { RowOutcome } from "@/lib/users/outcomes";
import { loadTemplateChecker } from "../email-templates/use-template-checker";
import { sampleVariables } from "./welcome-sample";
import { FormError, SelectField, TextField } from "../form-fields";
import { SubmitButton } from "../submit-button";
import { useHydrated } from "../use-hydrated";
import { UserSettingsFields, type SettingsOptions } from "./user-settings-fields";

// Shown only once asked for ("Customize", "Preview"): not in the page's first load.
// Each waits for the checker too, so it shows with its preview rendered (and revealBelow sees its full height).
const TemplateEditor = lazy(() => Promise.all([import("../email-templates/template-editor"), loadTemplateChecker()]).then(([module]) => ({ default: module.TemplateEditor })));
const WelcomePreview = lazy(() => Promise.all([import("./welcome-preview"), loadTemplateChecker()]).then(([module]) => ({ default: module.WelcomePreview })));

type Check = typeof import("./add-users-check").checkAddUsers;
let loadingCheck: Promise<Check> | undefined;
/** The server's schema (zod), loaded on the first submit or the first field shown with an error. */
function loadCheck(): Promise<Check> {
  loadingCheck ??= import("./add-users-check").then(
    (module) => module.checkAddUsers,
    (error: unknown) => {
      loadingCheck = undefined;
      throw error;
    },
  );
  return loadingCheck;
}

type Summary = { rows: RowOutcome[]; created: number; transferInvited: number; skipped: number };
type AddUsersAction = (previous: unknown, input: FormData) => Promise<ActionResult<Summary>>;

interface Props extends SettingsOptions {
  action: AddUsersAction;
  maxRows: number;
  initialRows: number;
  defaults: { locale: AppLocale; timeZone: string };
  /** The account's welcome email per language (its own version or the default). */
  welcomeTemplates: Record<AppLocale, TemplateSource>;
  accountName: string;
  inviterName: string;
}

interface Row {
  key: number;
  firstName: string;
  lastName: string;
  email: string;
}

const emptyRow = (key: number): Row => ({ key, firstName: "", lastName: "", email: "" });

/**
 * Add user: one or more rows, products, and settings for every row. Works without JavaScript
 * (rows come from `?rows=`); with it, rows are added in place, the welcome email is previewed for
 * the first row and may be customized for this send.
 */
export function AddUsersForm(props: Props) {
  const t = useTranslations("addUsers");
  const hydrated = useHydrated();
  const [state, formAction] = useActionState(props.action, undefined);
  const [rows, setRows] = useState<Row[]>(() => Array.from({ length: props.initialRows }, (_, i) => emptyRow(i)));
  const [locale, setLocale] = useState<AppLocale>(props.defaults.locale);
  const [timeZone, setTimeZone] = useState(props.defaults.timeZone);
  const [previewing, setPreviewing] = useState(false);
  const [custom, setCustom] = useState<TemplateSource | null>(null);
  const tAll = useTranslations();
  // The server's schema, checked before sending: the same messages without a round trip.
  const [clientChecked, setClientChecked] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    // A new answer from the server: its errors replace what the browser found.
    setAnswered(state);
    setClientChecked(false);
    setErrors(failureOf(state)?.fieldErrors ?? {});
  }
  // The schema once loaded; "unavailable" if it could not load (offline): the server still checks.
  const schema = useRef<Check | "unavailable" | null>(null);
  const check = (form: HTMLFormElement, loaded: Check) => loaded(toPlainInput(new FormData(form)), tAll);
  const checkBeforeSending = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    if (schema.current === null) {
      // The first submit: load the schema, then submit again (this time checked).
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const again = (loaded: Check | "unavailable") => {
        schema.current = loaded;
        form.requestSubmit(submitter);
      };
      loadCheck().then(again, () => again("unavailable"));
      return;
    }
    if (schema.current === "unavailable") return;
    const found = check(form, schema.current);
    setClientChecked(Object.keys(found).length > 0);
    setErrors(found);
    if (Object.keys(found).length > 0) event.preventDefault();
  };
  // A field shown with an error is checked again as it changes: its error goes once it is valid
  // (or says what is still wrong). Fields not yet complained about stay quiet until submitting.
  const recheck = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    const key = target.dataset.errorKey ?? target.getAttribute("name");
    if (!key || !errors[key]) return;
    const form = event.currentTarget;
    const apply = (loaded: Check) => {
      schema.current = loaded;
      const found = check(form, loaded);
      setErrors((current) => {
        if (!current[key]) return current;
        const next = { ...current };
        if (found[key]) next[key] = found[key];
        else delete next[key];
        return next;
      });
    };
    if (typeof schema.current === "function") apply(schema.current);
    else loadCheck().then(apply, () => undefined); // the server's errors stay until the next answer
  };
  const previewRef = useRef<HTMLDivElement>(null);

  if (state?.ok) return <AddUsersSummary summary={state.data} />;

  const update = (key: number, field: keyof Omit<Row, "key">, value: string) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const addRow = (event: React.MouseEvent) => {
    event.preventDefault(); // without JavaScript the link reloads the page with one more row
    setRows((current) => (current.length >= props.maxRows ? current : [...current, emptyRow(Math.max(...current.map((r) => r.key)) + 1)]));
  };
  const rowErrors = Object.keys(errors).filter((k) => k.startsWith("rows.")).length;

  return (
    <form action={formAction} onSubmit={checkBeforeSending} onChange={recheck} className="space-y-6" noValidate={hydrated}>
      <FormError message={(clientChecked ? undefined : failureOf(state)?.formError) ?? (rowErrors > 0 ? t("fixErrors") : undefined)} />
      {errors.rows && <FormError message={errors.rows.join(" ")} />}

      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">{t("users")}</legend>
        <p className="text-sm text-slate-600">{t("rowsHint", { max: props.maxRows })}</p>
        <ol className="space-y-3">
          {rows.map((row, i) => (
            <li key={row.key} className="rounded-md border border-slate-200 bg-white p-3">
              <fieldset>
                <legend className="sr-only">{t("row", { row: i + 1 })}</legend>
                <div className="grid gap-3 sm:grid-cols-[1fr_1fr_1.5fr_auto] sm:items-start">
                  <TextField name="firstName" label={t("firstName")} value={row.firstName} onChange={(e) => update(row.key, "firstName", e.target.value)}
                    required maxLength={50} autoComplete="off" errors={errors[`rows.${i}.firstName`]} data-error-key={`rows.${i}.firstName`} />
                  <TextField name="lastName" label={t("lastName")} value={row.lastName} onChange={(e) => update(row.key, "lastName", e.target.value)}
                    maxLength={50} autoComplete="off" errors={errors[`rows.${i}.lastName`]} data-error-key={`rows.${i}.lastName`} />
                  <TextField name="email" type="email" label={t("workEmail")} value={row.email} onChange={(e) => update(row.key, "email", e.target.value)}
                    required maxLength={254} autoComplete="off" hint={t("emailImmutable")} errors={errors[`rows.${i}.email`]} data-error-key={`rows.${i}.email`} />
                  {rows.length > 1 && (
                    <button type="button" onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
                      className="self-end rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
                      {t("removeRow", { row: i + 1 })}
                    </button>
                  )}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        {rows.length < props.maxRows && (
          <Link href={`?rows=${rows.length + 1}`} onClick={addRow} scroll={false} role="button"
            className="inline-block rounded-md border border-brand-600 px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
            {t("addAnother")}
          </Link>
        )}
      </fieldset>

      <UserSettingsFields options={props} errors={errors} locale={locale} timeZone={timeZone}
        onLocaleChange={(value) => { setLocale(value); setCustom(null); }} onTimeZoneChange={setTimeZone}>
        <div className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
          <SelectField name="welcomeTemplate" label={t("welcomeTemplate")} selected={custom ? "custom" : "account"} disabled={!hydrated}
            onChange={(e) => setCustom(e.target.value === "custom" ? { ...props.welcomeTemplates[locale] } : null)}
            options={[{ value: "account", label: t("templateAccount") }, { value: "custom", label: t("templateCustom") }]} />
          <div className="flex gap-2">
            <button type="button" disabled={!hydrated} aria-expanded={previewing} onClick={() => setPreviewing((v) => !v)}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">{t("preview")}</button>
            <button type="button" disabled={!hydrated} aria-pressed={custom !== null} onClick={() => setCustom((c) => c ?? { ...props.welcomeTemplates[locale] })}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">{t("customize")}</button>
          </div>
          <div ref={previewRef} className="scroll-mt-4 space-y-2">
          <Suspense fallback={<p role="status" className="text-sm text-slate-600">{tAll("emailTemplates.previewLoading")}</p>}>
          {custom && (
            <>
              <p className="text-sm text-slate-600">{t("customizeHint", { first: "{{ firstName }}", link: "{{ invitationUrl }}" })}</p>
              <TemplateEditor key={locale} kind="welcome" locale={locale} subject={custom.subject} body={custom.body} headingLevel={3}
                names={{ subject: "customSubject", body: "customBody" }} errors={{ subject: errors.customSubject, body: errors.customBody }}
                sample={{ timeZone, variables: sampleVariables(rows[0]?.firstName || t("sampleFirstName"), props) }} />
              <RevealOnShow target={previewRef} />
            </>
          )}
          {previewing && !custom && (
            <WelcomePreview template={props.welcomeTemplates[locale]} locale={locale} timeZone={timeZone} firstName={rows[0]?.firstName || t("sampleFirstName")}
              accountName={props.accountName} inviterName={props.inviterName} />
          )}
          {previewing && !custom && <RevealOnShow target={previewRef} />}
          </Suspense>
          </div>
        </div>
      </UserSettingsFields>

      <SubmitButton>{rows.length > 1 ? t("submitMany") : t("submitOne")}</SubmitButton>
    </form>
  );
}

/**
 * Brings a section just opened below the control into view, without animation if the user asked for
 * less motion. Rendered after the section's (lazily loaded) content in its Suspense boundary, so it
 * runs once that content shows, at its full height.
 */
function RevealOnShow({ target }: { target: React.RefObject<HTMLElement | null> }) {
  useEffect(() => {
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.current?.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
  }, [target]);
  return null;
}

function AddUsersSummary({ summary }: { summary: Summary }) {
  const t = useTranslations("addUsers");
  const outcome = (row: RowOutcome) => (row.outcome === "duplicate" ? t("outcome.duplicate", { firstRow: row.firstRow }) : t(`outcome.${row.outcome}`));
  return (
    <section aria-labelledby="add-users-summary" className="space-y-4">
      <h2 id="add-users-summary" className="text-lg font-semibold">{t("summaryTitle")}</h2>
      <p role="status">{t("summaryCounts", { created: summary.created, transferInvited: summary.transferInvited, skipped: summary.skipped })}</p>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="px-3 py-2">{t("rowNumber")}</th>
            <th scope="col" className="px-3 py-2">{t("workEmail")}</th>
            <th scope="col" className="px-3 py-2">{t("outcomeColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.row} className="border-b border-slate-100">
              <td className="px-3 py-2">{row.row}</td>
              <td className="px-3 py-2">{row.email}</td>
              <td className="px-3 py-2">{outcome(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex gap-4">
        <a href="/people/users/new" className="text-brand-700 underline">{t("addMore")}</a>
      </div>
    </section>
  );
}
