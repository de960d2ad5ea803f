// A REST operation: its place (method, path), its documentation (the zod schemas of its query,
// body and answers, from which /api/v1/openapi.json is generated) and its handling. Route files
// export `route(operation)` per method; http/v1/operations.ts lists every operation once.
import "server-only";
import { ZodObject, type z } from "zod";
import type { AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { isUuid } from "@/lib/validation/uuid";
import type { Permission } from "@/lib/permissions";
import { idempotent } from "../idempotency";
import { jsonObject, problem, readBody } from "../problem";
import { withToken, type TokenCall } from "../token-request";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface OperationInput {
  /** The path's segments ({id}). */
  params: Record<string, string>;
  /** The query string, each parameter's first value. */
  query: Record<string, string>;
  /** The JSON body's object (operations with a `body` only). */
  body: Record<string, unknown>;
  /** The body's bytes, for an operation that takes a file (`upload`). */
  file: Buffer | null;
  request: Request;
}

export interface Operation {
  id: string;
  method: Method;
  /** OpenAPI style, under /api/v1: "/users/{id}". */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The permission of the action it runs (the reference lists it; the permission matrix checks it). */
  permission: Permission;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A file as the body instead of JSON (a CSV import): its media types and size limit. */
  upload?: { mediaTypes: string[]; maxBytes: number; tooLarge: (locale: AppLocale) => string };
  /** Answers by status: the schema of the JSON body, or null for none (204). Refusals are problems. */
  responses: Record<number, z.ZodType | null>;
  /** Request headers it reads (If-Match, Idempotency-Key…), for the reference. */
  headers?: { name: string; description: string; required?: boolean }[];
  handle(call: TokenCall, input: OperationInput): Promise<Response>;
}

export const defineOperation = (operation: Operation) => operation;

/** Top-level attributes a body has that its schema doesn't name: refused, not silently dropped. */
function unknownAttributes(schema: z.ZodType, body: Record<string, unknown>): string[] {
  if (!(schema instanceof ZodObject)) return [];
  return Object.keys(body).filter((key) => !(key in schema.shape));
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The route handler of an operation: token, rate limit and body parsing, then the operation. */
export function route(operation: Operation) {
  return async (request: Request, context: RouteContext): Promise<Response> =>
    withToken(request, async (call) => {
      // A route without dynamic segments gets no params object at all.
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      // An {id} that isn't a UUID names nothing of the account: 404, like an unknown one.
      if ("id" in params && !isUuid(params.id)) return problem(404, "notFound", translator(call.locale)("errors.notFound"));
      const query: Record<string, string> = {};
      for (const [key, value] of new URL(request.url).searchParams) query[key] ??= value;
      let body: Record<string, unknown> = {};
      let text = "";
      let file: Buffer | null = null;
      if (operation.upload) {
        const { mediaTypes, maxBytes, tooLarge } = operation.upload;
        const read = await readBody(request, call.locale, {
          accepts: (type) => mediaTypes.includes(type), maxBytes, tooLarge: tooLarge(call.locale), unsupported: translator(call.locale)("api.unsupportedUpload", { types: mediaTypes.join(", ") }),
        });
        if (!read.ok) return read.response;
        file = read.bytes;
        text = file.toString("latin1");
      }
      if (operation.body) {
        const parsed = await jsonObject(request, call.locale);
        if (!parsed.ok) return parsed.response;
        ({ value: body, text } = parsed);
        const unknown = unknownAttributes(operation.body, body);
        if (unknown.length > 0) {
          const message = translator(call.locale)("api.unknownAttribute");
          return problem(422, "invalid", translator(call.locale)("api.invalid"), { errors: Object.fromEntries(unknown.map((key) => [key, [message]])) });
        }
      }
      const handle = () => operation.handle(call, { params, query, body, file, request });
      return operation.method === "POST" ? idempotent(request, call.principal.token!.id, text, call.locale, handle) : handle();
    });
}
