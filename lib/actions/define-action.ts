import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { toPlainInput, type ActionInput, type ActionResult } from "@/lib/actions/result";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { recordAuditEvents, type AuditEntry } from "@/lib/audit/record";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { allowedWhileSetupRequired, twoStepGate } from "@/lib/auth/two-step-policy";
import { getDb, type Tx } from "@/lib/db/client";
import { requestLocale } from "@/lib/i18n/request-locale";
import type { AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { can, ForbiddenError, type Permission } from "@/lib/permissions";

type Action<T> = (previous: unknown, input?: ActionInput) => Promise<ActionResult<T>>;

/** What each action declared (its permission, or none for a public one), for the permission matrix test. */
const declarations = new WeakMap<object, { name: string; permission: Permission | null }>();

export function declarationOf(action: unknown): { name: string; permission: Permission | null } | undefined {
  return typeof action === "function" ? declarations.get(action) : undefined;
}

export interface ActionContext {
  user: CurrentUser;
  /** Always the signed-in user's account, never a value from the request. */
  accountId: string;
  /** The transaction the whole action runs in, audit events included (the plain client for a one-statement input). */
  db: Tx;
  locale: AppLocale;
  /** Records an audit event, written in the action's transaction. Throws for a one-statement input. */
  audit(entry: AuditEntry): void;
}

function statementOnly(): never {
  throw new Error("A one-statement handler writes its audit events in its statement");
}

function failure(error: unknown, locale: AppLocale, actionName: string): ActionResult<never> {
  unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
  const t = translator(locale);
  if (error instanceof ForbiddenError) return { ok: false, formError: t(`errors.${error.reason}` as "errors.forbidden") };
  if (error instanceof NotFoundError) return { ok: false, formError: t("errors.notFound") };
  if (error instanceof UserFacingError) {
    const message = t(error.messageKey as "errors.forbidden", error.values);
    return error.field ? { ok: false, fieldErrors: { [error.field]: [message] } } : { ok: false, formError: message };
  }
  console.error(`[action ${actionName}]`, error);
  return { ok: false, formError: t("errors.unexpected") };
}

/**
 * The one door for every mutation by a signed-in user: session → active user → account (from the
 * session only) → declared permission → the two-step policy's gate (a user it holds back may only
 * call twoStep.*, session.*, auth.*, locale.* and profile.language.* actions) → zod-parsed input → handler and audit
 * events in one transaction → one typed result with localized messages. Never returns raw error text.
 */
export function accountAction<S extends z.ZodType, T>(definition: {
  name: string;
  permission: Permission;
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
  /**
   * Inputs the handler carries out in one SQL statement, its audit events included: it then runs
   * without an interactive transaction, so a contended lock is held for that statement only
   * (PostgreSQL makes each statement atomic). See decision 0008.
   */
  oneStatement?: (input: z.output<S>) => boolean;
  /** A page to go to once the change has committed (a redirect inside the transaction would undo it). */
  redirectTo?: (data: T) => string;
}) {
  const action: Action<T> = async (_previous, rawInput) => {
    const user = await getCurrentUser();
    const locale = user?.locale ?? (await requestLocale());
    const t = translator(locale);
    if (!user) return { ok: false, formError: t("errors.signedOut") };
    if (!can(user.role, definition.permission)) return { ok: false, formError: t("errors.forbidden") };
    if (!allowedWhileSetupRequired(definition.name) && twoStepGate(user).state === "setupRequired") {
      return { ok: false, formError: t("errors.twoStepSetupRequired") };
    }

    const parsed = definition.input.safeParse(toPlainInput(rawInput));
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, t) };

    let data: T;
    try {
      if (definition.oneStatement?.(parsed.data)) {
        const ctx: ActionContext = { user, accountId: user.accountId, db: getDb(), locale, audit: statementOnly };
        data = await definition.handler(parsed.data, ctx);
      } else {
        data = await getDb().$transaction(async (db) => {
          const entries: AuditEntry[] = [];
          const ctx: ActionContext = { user, accountId: user.accountId, db, locale, audit: (e) => entries.push(e) };
          const result = await definition.handler(parsed.data, ctx);
          if (entries.length === 0) entries.push({ action: definition.name });
          await recordAuditEvents(db, user.accountId, user.id, entries);
          return result;
        });
      }
    } catch (error) {
      return failure(error, locale, definition.name);
    }
    if (definition.redirectTo) redirect(definition.redirectTo(data));
    return { ok: true, data };
  };
  declarations.set(action, { name: definition.name, permission: definition.permission });
  return action;
}

/** Longer values aren't given back: no form field of a public action takes that much. */
const MAX_ECHOED_LENGTH = 1000;

/** The door for the few actions that need no session (sign-in, the sign-in page's language). */
export function publicAction<S extends z.ZodType, T>(definition: {
  name: string;
  input: S;
  handler: (input: z.output<S>, ctx: { locale: AppLocale }) => Promise<T>;
  /** Text fields a refusal gives back as submitted (`values`), for the form to show again. Never a password. */
  echo?: readonly string[];
  /** A language stored on the server for whom the input names (an invitation's invitee): answers use it unless the visitor chose one. */
  storedLocale?: (input: Record<string, unknown>) => Promise<string | null>;
}) {
  const action: Action<T> = async (_previous, rawInput) => {
    const input = toPlainInput(rawInput);
    const locale = await requestLocale(await definition.storedLocale?.(input));
    const echoed = (result: ActionResult<never>): ActionResult<never> => {
      const given = (key: string) => input[key];
      const values = Object.fromEntries((definition.echo ?? []).flatMap((key) => {
        const value = given(key);
        return typeof value === "string" && value.length <= MAX_ECHOED_LENGTH ? [[key, value]] : [];
      }));
      return result.ok || Object.keys(values).length === 0 ? result : { ...result, values };
    };
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return echoed({ ok: false, fieldErrors: fieldErrorsOf(parsed.error, translator(locale)) });
    try {
      return { ok: true, data: await definition.handler(parsed.data, { locale }) };
    } catch (error) {
      return echoed(failure(error, locale, definition.name));
    }
  };
  declarations.set(action, { name: definition.name, permission: null });
  return action;
}
