import { z } from "zod";
import { SsoPolicy } from "@/lib/generated/prisma/enums";
import { callbackPathSchema, emailSchema } from "@/lib/validation/auth";
import { lineText } from "@/lib/validation/text";

export const SSO_URL_MAX_LENGTH = 500;
export const SSO_CLIENT_ID_MAX_LENGTH = 255;
export const SSO_CLIENT_SECRET_MAX_LENGTH = 1000;
export const SSO_SCOPES_MAX_LENGTH = 200;
/** The metadata form's limit, in characters; lib/sso/saml.ts refuses more than 256 KB of it too. */
export const SAML_METADATA_MAX_LENGTH = 256 * 1024;
export const DOMAIN_MAX_LENGTH = 253;

/** An issuer: an absolute http(s) URL without query or fragment (http is refused later unless SSO_ALLOW_HTTP). */
const issuer = lineText(SSO_URL_MAX_LENGTH).min(1, { error: "validation.required" }).refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}, { error: "validation.ssoIssuer" }).transform((value) => value.replace(/\/+$/, ""));

/** Space-separated scope tokens (RFC 6749's characters), openid among them. */
const scopes = lineText(SSO_SCOPES_MAX_LENGTH)
  .transform((value) => value.split(/\s+/).filter(Boolean))
  .refine((list) => list.every((scope) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)), { error: "validation.ssoScopes" })
  .refine((list) => list.includes("openid"), { error: "validation.ssoScopesOpenid" })
  .transform((list) => [...new Set(list)].join(" "));

/** Settings › Single sign-on, OpenID Connect. An empty client secret keeps the one stored. */
export const oidcConnectionSchema = z.object({
  issuer,
  clientId: lineText(SSO_CLIENT_ID_MAX_LENGTH).min(1, { error: "validation.required" }),
  clientSecret: z.string({ error: "validation.required" }).max(SSO_CLIENT_SECRET_MAX_LENGTH, { error: "validation.tooLong" }).optional()
    .transform((value) => value?.trim() || undefined)
    .refine((value) => value === undefined || !/[\u0000-\u001f\u007f]/.test(value), { error: "validation.controlCharacters" }),
  scopes: scopes.optional().transform((value) => value ?? "openid email profile"),
});
export type OidcConnectionInput = z.output<typeof oidcConnectionSchema>;

/** Settings › Single sign-on, SAML 2.0: the identity provider's metadata, pasted. */
export const samlConnectionSchema = z.object({
  metadata: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(SAML_METADATA_MAX_LENGTH, { error: "validation.samlMetadataTooLarge" }),
});

export const ssoEnabledSchema = z.object({ enabled: z.enum(["true", "false"], { error: "validation.invalid" }).transform((v) => v === "true") });

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());

export const ssoPolicySchema = z.object({
  policy: z.enum(SsoPolicy, { error: "validation.chooseOption" }),
  jitEnabled: checkbox,
});

/**
 * An email domain as typed ("Example.COM", " example.com."), lower-cased, without the root dot,
 * internationalized names in their ASCII (punycode) form; at least two labels, each a DNS label.
 */
export const domainSchema = lineText(DOMAIN_MAX_LENGTH).min(1, { error: "validation.required" })
  .transform((value, ctx) => {
    const bare = value.toLowerCase().replace(/\.$/, "");
    let ascii = "";
    // Only a host name: no scheme, port, path, user or spaces for the URL parser to read around.
    if (!/[\s/\\:@?#%]/.test(bare)) {
      try {
        ascii = new URL(`http://${bare}/`).hostname;
      } catch {
        ascii = "";
      }
    }
    const labels = ascii.split(".");
    if (labels.length < 2 || ascii.length > DOMAIN_MAX_LENGTH || /^\d+$/.test(labels.at(-1)!)
      || !labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label))) {
      ctx.addIssue({ code: "custom", message: "validation.domain" });
      return z.NEVER;
    }
    return ascii;
  });

export const addDomainSchema = z.object({ domain: domainSchema });
export const domainIdSchema = z.object({ id: z.uuid({ error: "validation.invalid" }) });

/** The sign-in page's question and its Continue with single sign-on button. */
export const ssoEmailSchema = z.object({ email: emailSchema, callbackUrl: callbackPathSchema });
export const ssoLookupSchema = z.object({ email: z.string().max(254).transform((v) => v.trim().toLowerCase()) });

/** The domain of an email address (after the last @), in the ASCII form domains are kept in; "" if it has none. */
export function emailDomain(email: string): string {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (!domain || /[\s/\\:@?#%]/.test(domain)) return "";
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return "";
  }
}
