// How the REST API answers: JSON, and refusals as RFC 9457 problem details with a stable `type`
// (urn:central-admin:problem:<code>), the localized `detail` and per-field `errors`.
import type { Outcome, Refusal } from "@/lib/actions/define-action";
import type { FieldErrors } from "@/lib/actions/result";
import type { AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";

export const PROBLEM_TYPE_PREFIX = "urn:central-admin:problem:";

const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 412: "Precondition Failed",
  413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content", 428: "Precondition Required",
  429: "Too Many Requests", 500: "Internal Server Error",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldErrors;
}

export function problem(status: number, code: string, detail: string, options: { errors?: FieldErrors; headers?: HeadersInit } = {}): Response {
  const body: Problem = { type: `${PROBLEM_TYPE_PREFIX}${code}`, title: TITLES[status] ?? "Error", status, detail, ...(options.errors ? { errors: options.errors } : {}) };
  const headers = new Headers(options.headers);
  headers.set("Content-Type", "application/problem+json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers });
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const all = new Headers(headers);
  all.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status, headers: all });
}

/** Codes of the wrapper's refusals (lib/actions/define-action.ts) that are about who calls, not what. */
const FORBIDDEN = new Set(["forbidden", "roleTooHigh", "targetAboveYou", "tokenScope", "notYourself", "twoStepSetupRequired"]);

/** The status of a refusal: who may (401/403), what (404), the input (422), the state of things (409). */
export function statusOf(refusal: Refusal): number {
  if (refusal.code === "signedOut") return 401;
  if (FORBIDDEN.has(refusal.code)) return 403;
  if (refusal.code === "notFound") return 404;
  if (refusal.code === "userChangedMeanwhile") return 412;
  if (refusal.code === "unexpected") return 500;
  if (refusal.code.endsWith("Taken")) return 409; // a name or address already in use: the state, not the input's form
  if (refusal.fieldErrors) return 422;
  return 409;
}

/** A refused outcome as a problem; its detail the form message, or "see errors" for field errors alone. */
export function refusalResponse(refusal: Refusal, locale: AppLocale): Response {
  const detail = refusal.formError ?? translator(locale)("api.invalid");
  return problem(statusOf(refusal), refusal.code, detail, { errors: refusal.fieldErrors });
}

/** An action's outcome as an answer: `present` shapes the data of a success. */
export function outcomeResponse<T>(outcome: Outcome<T>, locale: AppLocale, present: (data: T) => Response): Response {
  return outcome.ok ? present(outcome.data) : refusalResponse(outcome, locale);
}

/** The largest JSON body the API reads (a CSV import has its own limit). */
export const MAX_JSON_BYTES = 1024 * 1024;

const mediaType = (request: Request) => request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() ?? "";

/**
 * The request's body, up to `maxBytes` (counted as read, whatever Content-Length claims), or the
 * problem to answer: 415 when `accepts` refuses its media type, 413 past the limit.
 */
export async function readBody(request: Request, locale: AppLocale, options: { accepts: (type: string) => boolean; maxBytes: number; tooLarge: string; unsupported: string }): Promise<{ ok: true; bytes: Buffer } | { ok: false; response: Response }> {
  if (!options.accepts(mediaType(request))) return { ok: false, response: problem(415, "unsupportedMediaType", options.unsupported) };
  const tooLarge = () => ({ ok: false as const, response: problem(413, "tooLarge", options.tooLarge) });
  if (Number(request.headers.get("content-length")) > options.maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > options.maxBytes) return tooLarge();
      chunks.push(chunk);
    }
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

const isJson = (type: string) => type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);

/**
 * The request's JSON object, or the problem to answer: 415 for another content type, 413 over
 * MAX_JSON_BYTES, 400 for broken JSON or a value that isn't an object.
 */
export async function jsonObject(request: Request, locale: AppLocale): Promise<{ ok: true; value: Record<string, unknown>; text: string } | { ok: false; response: Response }> {
  const t = translator(locale);
  const body = await readBody(request, locale, { accepts: isJson, maxBytes: MAX_JSON_BYTES, tooLarge: t("api.tooLarge", { size: "1 MB" }), unsupported: t("api.unsupportedMediaType") });
  if (!body.ok) return body;
  const text = body.bytes.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, response: problem(400, "malformedJson", t("api.malformedJson")) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, response: problem(400, "notAnObject", t("api.notAnObject")) };
  return { ok: true, value: value as Record<string, unknown>, text };
}
