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
import type { ApiTokenRef } from "@/lib/api-tokens/tokens";
import { can, ForbiddenError, tokenAllows, type Permission, type TokenSurface } from "@/lib/permissions";

type Action<T> = (previous: unknown, input?: ActionInput) => Promise<ActionResult<T>>;

/** Who calls: a signed-in person, or a program with an API token acting within its creator's rights. */
export interface Principal {
  /** The person, or for a token its creator as they are now, with the lower of their role and the token's ceiling. */
  user: CurrentUser;
  token: ApiTokenRef | null;
}

/** A refusal with the reason a program needs (the browser's ActionResult carries the messages alone). */
export type Refusal = Extract<ActionResult<never>, { ok: false }> & { code: string };
export type Outcome<T> = { ok: true; data: T } | Refusal;

type Run = (principal: Principal | null, locale: AppLocale, input: Record<string, unknown>, surface: TokenSurface) => Promise<Outcome<unknown>>;

/** What each action declared (its permission, or none for a public one), for the permission matrix test and the API. */
const declarations = new WeakMap<object, { name: string; permission: Permission | null; run?: Run }>();

export function declarationOf(action: unknown): { name: string; permission: Permission | null } | undefined {
  return typeof action === "function" ? declarations.get(action) : undefined;
}

/**
 * Runs an account action for a program (the REST API, SCIM): the same checks, transaction and audit
 * as for a person, with the API token's principal instead of a session, and the refusal's code.
 */
export async function invokeAs<T>(action: Action<T>, principal: Principal, locale: AppLocale, input: Record<string, unknown>, surface: TokenSurface = "rest"): Promise<Outcome<T>> {
  const run = declarations.get(action)?.run;
  if (!run) throw new Error("Not an account action");
  return run(principal, locale, input, surface) as Promise<Outcome<T>>;
}

export interface ActionContext {
  user: CurrentUser;
  /** Always the principal's account, never a value from the request. */
  accountId: string;
  /** The transaction the whole action runs in, audit events included (the plain client for a one-statement input). */
  db: Tx;
  locale: AppLocale;
  /** Records an audit event, written in the action's transaction. Throws for a one-statement input. */
  audit(entry: AuditEntry): void;
  /** The API token the call came with; null for a person. */
  token: ApiTokenRef | null;
}

function statementOnly(): never {
  throw new Error("A one-statement handler writes its audit events in its statement");
}

const refusal = (code: string, fields: Omit<Refusal, "ok" | "code">): Refusal => ({ ok: false, code, ...fields });

function failure(error: unknown, locale: AppLocale, actionName: string): Refusal {
  unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
  const t = translator(locale);
  if (error instanceof ForbiddenError) return refusal(error.reason, { formError: t(`errors.${error.reason}` as "errors.forbidden") });
  if (error instanceof NotFoundError) return refusal("notFound", { formError: t("errors.notFound") });
  if (error instanceof UserFacingError) {
    const message = t(error.messageKey as "errors.forbidden", error.values);
    const code = error.messageKey.replace(/^(errors|validation)\./, "");
    return error.field ? refusal(code, { fieldErrors: { [error.field]: [message] } }) : refusal(code, { formError: message });
  }
  console.error(`[action ${actionName}]`, error);
  return refusal("unexpected", { formError: t("errors.unexpected") });
}

/** The browser's answer: the refusal's code stays on the server. */
const forBrowser = <T>(outcome: Outcome<T>): ActionResult<T> => {
  if (outcome.ok) return outcome;
  const { code: _code, ...result } = outcome;
  return result;
};

/**
 * The one door for every mutation, by a person or a program: principal (a session's active user,
 * or an API token's) → account (from the principal only) → declared permission → for a token, the
 * permissions a token may use and its scopes; for a person, the two-step policy's gate (a user it
 * holds back may only call twoStep.*, session.*, auth.*, locale.* and profile.language.* actions)
 * → zod-parsed input → handler and audit events in one transaction (a token's id set on it, so every
 * audit event it writes names the token) → one typed result with localized messages. Never returns
 * raw error text.
 */
export function accountAction<S extends z.ZodType, T>(definition: {
  name: string;
  permission: Permission;
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
  /**
   * Inputs the handler carries out in one SQL statement, its audit events included: it then runs
   * without an interactive transaction, so a contended lock is held for that statement only
   * (PostgreSQL makes each statement atomic). See decision 0008. Not for a token's call: its audit
   * events take the token from the transaction.
   */
  oneStatement?: (input: z.output<S>) => boolean;
  /** A page to go to once the change has committed (a redirect inside the transaction would undo it). */
  redirectTo?: (data: T) => string;
  /** A read (the REST API's lists and gets): no transaction, nothing audited. */
  readOnly?: true;
}) {
  const run = async (principal: Principal | null, locale: AppLocale, rawInput: Record<string, unknown>, surface: TokenSurface): Promise<Outcome<T>> => {
    const t = translator(locale);
    if (!principal) return refusal("signedOut", { formError: t("errors.signedOut") });
    const { user, token } = principal;
    if (!can(user.role, definition.permission)) return refusal("forbidden", { formError: t("errors.forbidden") });
    if (token && !tokenAllows(token.scopes, definition.permission, surface)) return refusal("tokenScope", { formError: t("errors.tokenScope") });
    if (!token && !allowedWhileSetupRequired(definition.name) && twoStepGate(user).state === "setupRequired") {
      return refusal("twoStepSetupRequired", { formError: t("errors.twoStepSetupRequired") });
    }

    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) return refusal("invalid", { fieldErrors: fieldErrorsOf(parsed.error, t) });

    try {
      if (definition.readOnly || (!token && definition.oneStatement?.(parsed.data))) {
        const ctx: ActionContext = { user, accountId: user.accountId, db: getDb(), locale, audit: statementOnly, token };
        return { ok: true, data: await definition.handler(parsed.data, ctx) };
      }
      const data = await getDb().$transaction(async (db) => {
        if (token) await db.$executeRaw`SELECT set_config('app.actor_token_id', ${token.id}, true)`;
        const entries: AuditEntry[] = [];
        const ctx: ActionContext = { user, accountId: user.accountId, db, locale, audit: (e) => entries.push(e), token };
        const result = await definition.handler(parsed.data, ctx);
        if (entries.length === 0) entries.push({ action: definition.name });
        await recordAuditEvents(db, user.accountId, user.id, entries);
        return result;
      });
      return { ok: true, data };
    } catch (error) {
      return failure(error, locale, definition.name);
    }
  };

  const action: Action<T> = async (_previous, rawInput) => {
    const user = await getCurrentUser();
    const locale = user?.locale ?? (await requestLocale());
    const outcome = await run(user && { user, token: null }, locale, toPlainInput(rawInput), "rest");
    if (outcome.ok && definition.redirectTo) redirect(definition.redirectTo(outcome.data));
    return forBrowser(outcome);
  };
  declarations.set(action, { name: definition.name, permission: definition.permission, run: run as Run });
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
      return echoed(forBrowser(failure(error, locale, definition.name)));
    }
  };
  declarations.set(action, { name: definition.name, permission: null });
  return action;
}
