import { z } from "zod";
import { givenPassword } from "@/lib/validation/password";

export const emailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }))
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  password: givenPassword,
});

/**
 * The first path segment of every page one may be sent back to after sign-in: home, the signed-in
 * area (app/(app)/…) and the invitation pages. A unit test keeps it in step with app/.
 */
export const APP_SECTIONS: ReadonlySet<string> = new Set(["", "people", "settings", "billing", "profile", "invitations"]);

// Any origin of our own works: only whether resolving changes it matters, and the path it gives.
const BASE = new URL("http://central-admin.invalid/");

/**
 * The page to go to after sign-in: `candidate` resolved the way a browser would (dot segments,
 * backslashes, tabs and newlines, percent-encoding), kept only when it stays on this origin and
 * names one of the app's own pages, and returned as its normalized path, query and fragment (ASCII,
 * percent-encoded, safe in a Location header). Anything else — another host however it is spelled
 * (`//`, `/.//`, `/\`, `%2F%2F`, unicode slashes), a scheme, a path the app doesn't serve — is "/".
 */
export function safeCallbackPath(candidate: unknown): string {
  // A path, not a URL: "https://…", "javascript:…" and friends stop here, before any parsing.
  if (typeof candidate !== "string" || candidate.length > 2048 || !candidate.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE.origin || url.username || url.password) return "/";
  // "/" is home; any other path names a section (so "//host", which resolves to "/" + "/host", does not pass).
  const section = url.pathname.split("/")[1];
  if (url.pathname !== "/" && (section === "" || !APP_SECTIONS.has(section))) return "/";
  const path = url.pathname + url.search + url.hash;
  // Belt and braces: printable ASCII only, and it must resolve back to itself.
  if (!/^[\x21-\x7e]+$/.test(path) || new URL(path, BASE).href !== url.href) return "/";
  return path;
}

/** The callbackUrl a form or a link carries: always a safe path ("/" when missing or unsafe). */
export const callbackPathSchema = z.unknown().optional().transform(safeCallbackPath);
