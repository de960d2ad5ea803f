// A REST operation: its place (method, path), its documentation (the zod schemas of its query,
// body and answers, from which /api/v1/openapi.json is generated) and its handling. Route files
// export `route(operation)` per method; http/v1/operations.ts lists every operation once.
import "server-only";
import type { z } from "zod";
import type { Permission } from "@/lib/permissions";
import { jsonObject } from "../problem";
import { withToken, type TokenCall } from "../token-request";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface OperationInput {
  /** The path's segments ({id}). */
  params: Record<string, string>;
  /** The query string, each parameter's first value. */
  query: Record<string, string>;
  /** The JSON body's object (operations with a `body` only). */
  body: Record<string, unknown>;
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
  /** Answers by status: the schema of the JSON body, or null for none (204). Refusals are problems. */
  responses: Record<number, z.ZodType | null>;
  /** Request headers it reads (If-Match, Idempotency-Key…), for the reference. */
  headers?: { name: string; description: string; required?: boolean }[];
  handle(call: TokenCall, input: OperationInput): Promise<Response>;
}

export const defineOperation = (operation: Operation) => operation;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The route handler of an operation: token, rate limit and body parsing, then the operation. */
export function route(operation: Operation) {
  return async (request: Request, context: RouteContext): Promise<Response> =>
    withToken(request, async (call) => {
      const params = Object.fromEntries(Object.entries(await context.params).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const query: Record<string, string> = {};
      for (const [key, value] of new URL(request.url).searchParams) query[key] ??= value;
      let body: Record<string, unknown> = {};
      if (operation.body) {
        const parsed = await jsonObject(request, call.locale);
        if (!parsed.ok) return parsed.response;
        body = parsed.value;
      }
      return operation.handle(call, { params, query, body, request });
    });
}
