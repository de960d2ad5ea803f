// SCIM 2.0 over HTTP (RFC 7644): application/scim+json, errors in the SCIM Error schema (`status`
// as a string, `scimType` where the RFC names one), the same API tokens as the REST API (scope
// SCIM, or none), and every change through the app's actions (invokeAs with the "scim" surface).
import "server-only";
import type { Outcome, Refusal } from "@/lib/actions/define-action";
import type { AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { isUuid } from "@/lib/validation/uuid";
import { readBody, statusOf } from "../problem";
import { withToken, type TokenCall } from "../token-request";

export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_TYPE = "application/scim+json; charset=utf-8";
export const MAX_SCIM_BYTES = 1024 * 1024;

export function scim(body: unknown, status = 200, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  all.set("Content-Type", SCIM_TYPE);
  return new Response(JSON.stringify(body), { status, headers: all });
}

export function scimError(status: number, detail: string, scimType?: string, options: { headers?: HeadersInit } = {}): Response {
  return scim({ schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail }, status, options.headers);
}

/** An error a SCIM handler throws to answer with (a filter it can't read, a userName changed…). */
export class ScimError extends Error {
  constructor(readonly status: number, readonly scimType: string | undefined, message: string) {
    super(message);
  }
}

/** The SCIM answer to an action's refusal: uniqueness conflicts say so; invalid values are 400. */
export function scimRefusal(refusal: Refusal, locale: AppLocale): Response {
  const detail = refusal.formError ?? Object.values(refusal.fieldErrors ?? {}).flat().join(" ") ?? translator(locale)("api.invalid");
  if (refusal.code.startsWith("scim.uniqueness") || refusal.code.endsWith("Taken")) return scimError(409, detail, "uniqueness");
  if (refusal.code === "scim.unknownMember") return scimError(400, detail, "invalidValue");
  const status = statusOf(refusal);
  if (status === 422) return scimError(400, detail, "invalidValue");
  return scimError(status === 412 ? 412 : status, detail);
}

export const scimOutcome = <T>(outcome: Outcome<T>, locale: AppLocale, present: (data: T) => Response | Promise<Response>) =>
  outcome.ok ? present(outcome.data) : scimRefusal(outcome, locale);

/** The request's JSON object (application/scim+json or application/json), or the SCIM error to answer. */
export async function scimBody(request: Request, locale: AppLocale): Promise<Record<string, unknown>> {
  const t = translator(locale);
  const body = await readBody(request, locale, {
    accepts: (type) => type === "application/scim+json" || type === "application/json",
    maxBytes: MAX_SCIM_BYTES,
    tooLarge: t("api.tooLarge", { size: "1 MB" }),
    unsupported: t("api.unsupportedMediaType"),
  });
  if (!body.ok) throw new ScimError(body.response.status, undefined, ((await body.response.json()) as { detail: string }).detail);
  let value: unknown;
  try {
    value = JSON.parse(body.bytes.toString("utf8"));
  } catch {
    throw new ScimError(400, "invalidSyntax", t("api.malformedJson"));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ScimError(400, "invalidSyntax", t("api.notAnObject"));
  return value as Record<string, unknown>;
}

type Handler = (call: TokenCall, request: Request, params: Record<string, string>) => Promise<Response>;

/** A SCIM route handler: the token (SCIM errors for its refusals), then the handler; a ScimError becomes its answer. */
export function scimRoute(handler: Handler) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> =>
    withToken(request, async (call) => {
      const params = (await context?.params) ?? {}; // none for a route without dynamic segments
      // An id that isn't a UUID names no resource of the account (Okta's 00919288221112222): 404.
      if ("id" in params && !isUuid(params.id)) return scimError(404, translator(call.locale)("errors.notFound"));
      try {
        return await handler(call, request, params);
      } catch (error) {
        if (error instanceof ScimError) return scimError(error.status, error.message, error.scimType);
        throw error;
      }
    }, (status, _code, detail, options) => scimError(status, detail, undefined, options));
}
