"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { findConnection, removeConnection, saveOidcConnection, saveSamlConnection, saveSsoPolicy, setSsoEnabled } from "@/lib/sso/connection";
import { claimDomain, removeDomain, verifyDomain } from "@/lib/sso/domains";
import { flowStartPath, setFlowCookie, SsoUnavailable, startFlow } from "@/lib/sso/flows";
import { OidcRejected } from "@/lib/sso/oidc";
import { addDomainSchema, domainIdSchema, oidcConnectionSchema, samlConnectionSchema, ssoEnabledSchema, ssoPolicySchema } from "@/lib/validation/sso";

// Settings › Single sign-on: every action is the account holder's (sso.manage) and records its own
// audit events (none when nothing changed).

/** The page shows what was just saved. */
function refreshed<T>(result: T): T {
  revalidatePath("/settings/single-sign-on");
  return result;
}

export const saveOidcConnectionAction = accountAction({
  name: "sso.saveOidc",
  permission: "sso.manage",
  input: oidcConnectionSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await saveOidcConnection(ctx, input)),
});

export const saveSamlConnectionAction = accountAction({
  name: "sso.saveSaml",
  permission: "sso.manage",
  input: samlConnectionSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await saveSamlConnection(ctx, input)),
});

export const setSsoEnabledAction = accountAction({
  name: "sso.setEnabled",
  permission: "sso.manage",
  input: ssoEnabledSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await setSsoEnabled(ctx, input.enabled)),
});

export const saveSsoPolicyAction = accountAction({
  name: "sso.savePolicy",
  permission: "sso.manage",
  input: ssoPolicySchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await saveSsoPolicy(ctx, input)),
});

export const removeSsoConnectionAction = accountAction({
  name: "sso.removeConnection",
  permission: "sso.manage",
  input: z.object({}),
  auditsItself: true,
  handler: async (_input, ctx) => refreshed(await removeConnection(ctx)),
});

export const addSsoDomainAction = accountAction({
  name: "sso.addDomain",
  permission: "sso.manage",
  input: addDomainSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await claimDomain(ctx, input.domain)),
});

export const verifySsoDomainAction = accountAction({
  name: "sso.verifyDomain",
  permission: "sso.manage",
  input: domainIdSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await verifyDomain(ctx, input.id)),
});

export const removeSsoDomainAction = accountAction({
  name: "sso.removeDomain",
  permission: "sso.manage",
  input: domainIdSchema,
  auditsItself: true,
  handler: async (input, ctx) => refreshed(await removeDomain(ctx, input.id)),
});

/**
 * Test connection: a real sign-in round trip through the provider for the holder who asks. The
 * flow is committed first, then the browser goes to the provider (http/sso/routes.ts finishes it).
 */
export const testSsoConnectionAction = accountAction({
  name: "sso.testConnection",
  permission: "sso.manage",
  input: z.object({}),
  auditsItself: true,
  async handler(_input, ctx) {
    const connection = await findConnection(ctx.db, ctx.accountId);
    if (!connection) throw new UserFacingError("errors.ssoNoConnection");
    try {
      const { state } = await startFlow(ctx.db, connection, "TEST", { userId: ctx.user.id });
      await setFlowCookie(state);
      return { state };
    } catch (error) {
      if (error instanceof SsoUnavailable || error instanceof OidcRejected) throw new UserFacingError("errors.ssoDiscovery");
      throw error;
    }
  },
  redirectTo: ({ state }) => flowStartPath(state),
});
