// Calls the REST API's route handlers as the server would: a real Request, the route's params.
// What the handlers do with it (token, rate limit, actions, database) is all real.
import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import { CLIENT_IP_HEADER } from "@/lib/security/client-ip";

// Outside Next's request store, revalidatePath has no cache to drop (as in tests/support/session.ts).
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, "../..");

/** Every route file under `dir` (app/api/v1 by default), with the path pattern it serves (`/users/{id}`) and its segments. */
export function apiRouteFiles(API_DIR = "app/api/v1"): { file: string; pattern: string; segments: string[] }[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.posix.join(dir, e.name)) : e.name === "route.ts" ? [path.posix.join(dir, e.name)] : []));
  return walk(API_DIR).map((file) => {
    const segments = file.slice(API_DIR.length + 1, -"/route.ts".length).split("/").filter(Boolean);
    return { file, segments, pattern: `/${segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}` };
  });
}

const load = (dir: string) => Promise.all(apiRouteFiles(dir).map(async (r) => ({ ...r, module: (await import(path.join(root, r.file))) as Record<string, Handler> })));
const ROUTES = { "/api/v1": await load("app/api/v1"), "/scim/v2": await load("app/scim/v2") };

/** The route file serving a concrete path, and the params it reads (a catch-all last). */
function resolve(routes: (typeof ROUTES)["/api/v1"], pathname: string) {
  const parts = pathname.split("/").filter(Boolean);
  const match = (segments: string[]) => {
    const params: Record<string, string | string[]> = {};
    for (let i = 0; i < segments.length; i++) {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segments[i]);
      if (catchAll) return parts.length > i ? { ...params, [catchAll[1]]: parts.slice(i) } : null;
      if (i >= parts.length) return null;
      const dynamic = /^\[(\w+)\]$/.exec(segments[i]);
      if (dynamic) params[dynamic[1]] = decodeURIComponent(parts[i]);
      else if (segments[i] !== parts[i]) return null;
    }
    return segments.length === parts.length ? params : null;
  };
  const ordered = [...routes].sort((a, b) => Number(a.segments.some((s) => s.startsWith("[..."))) - Number(b.segments.some((s) => s.startsWith("[..."))));
  for (const r of ordered) {
    const params = match(r.segments);
    if (params) return { route: r, params };
  }
  throw new Error(`No route for ${pathname}`);
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

type RequestOptions = { token?: string | null; body?: unknown; raw?: string; bare?: boolean; headers?: Record<string, string>; ip?: string };

/** One request to /api/v1`path`, with the token (as `Bearer`, unless `bare`) and a JSON body. */
export const api = (method: string, pathAndQuery: string, options: RequestOptions = {}) => request("/api/v1", method, pathAndQuery, options);

/** One request to /scim/v2`path`, its JSON body sent as application/scim+json. */
export const scimApi = (method: string, pathAndQuery: string, options: RequestOptions = {}) =>
  request("/scim/v2", method, pathAndQuery, { ...options, headers: { ...(options.body !== undefined ? { "content-type": "application/scim+json" } : {}), ...options.headers } });

async function request(prefix: keyof typeof ROUTES, method: string, pathAndQuery: string, options: RequestOptions): Promise<ApiAnswer> {
  const url = new URL(`http://localhost${prefix}${pathAndQuery}`);
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", options.bare ? options.token : `Bearer ${options.token}`);
  headers.set(CLIENT_IP_HEADER, options.ip ?? "198.51.100.20");
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const { route, params } = resolve(ROUTES[prefix], url.pathname.slice(prefix.length));
  const handler = route.module[method];
  if (!handler) throw new Error(`${route.file} has no ${method}`);
  // As Next.js does: a route without dynamic segments gets no params object.
  const dynamic = route.segments.some((s) => s.startsWith("["));
  const response = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(dynamic ? params : (undefined as unknown as Record<string, string>)) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
