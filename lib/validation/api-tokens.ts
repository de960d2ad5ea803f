import { z } from "zod";
import { AccountRole, ApiTokenScope } from "@/lib/generated/prisma/enums";
import { lineText } from "@/lib/validation/text";

export const API_TOKEN_NAME_MAX_LENGTH = 100;

/** Days a new token lasts, or "never" (the account holder's only). */
export const API_TOKEN_EXPIRIES = ["30", "90", "365", "never"] as const;
export type ApiTokenExpiry = (typeof API_TOKEN_EXPIRIES)[number];

export const API_TOKEN_SCOPES = Object.values(ApiTokenScope);

/** A checkbox group posts nothing, one value or several. */
const scopeList = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(ApiTokenScope, { error: "validation.invalid" })).max(API_TOKEN_SCOPES.length),
);

export const createApiTokenSchema = z.object({
  name: lineText(API_TOKEN_NAME_MAX_LENGTH).min(1, { error: "validation.required" }),
  roleCeiling: z.enum(AccountRole, { error: "validation.invalid" }),
  scopes: scopeList.transform((scopes) => [...new Set(scopes)]),
  expires: z.enum(API_TOKEN_EXPIRIES, { error: "validation.invalid" }),
});

export const revokeApiTokenSchema = z.object({ id: z.uuid({ error: "validation.invalid" }) });
