"use server";

import { revalidatePath } from "next/cache";
import { accountAction, type ActionContext } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { findConnection, removeConnection, saveOidcConnection, saveSamlConnection, saveSsoPolicy, setSsoEnabled } from "@/lib/sso/connection";
import { claimDomain, removeDomain, verifyDomain } from "@/lib/sso/domains";
import { setFlowCookie, SsoUnavailable, startFlow } from "@/lib/sso/flows";
import { OidcRejected } from "@/lib/sso/oidc";
import { addDomainSchema, domainIdSchema, oidcConnectionSchema, samlConnectionSchema, ssoEnabledSchema, ssoPolicySchema } from "@/lib/validation/sso";
import { z } from "zod";

const PAGE = "/settings/single-sign-on";

// Every action here is the account holder's (sso.manage) and records its own audit events.
const settingsAction = <S extends z.ZodType, T>(name: string, input: S, handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>) =>
  accountAction({
    name, permission: "sso.manage", input, auditsItself: true,
    async handler(parsed, ctx) {
      const result = await handler(parsed, ctx);
      revalidatePath(PAGE);
      return result;
    },
  });

export const saveOidcConnectionAction = settingsAction("sso.saveOidc", oidcConnectionSchema, (input, ctx) => saveOidcConnection(ctx, input));
export const saveSamlConnectionAction = settingsAction("sso.saveSaml", samlConnectionSchema, (input, ctx) => saveSamlConnection(ctx, input));
export const setSsoEnabledAction = settingsAction("sso.enable", ssoEnabledSchema, (input, ctx) => setSsoEnabled(ctx, input.enabled));
export const saveSsoPolicyAction = settingsAction("sso.policy", ssoPolicySchema, (input, ctx) => saveSsoPolicy(ctx, input));
export const removeSsoConnectionAction = settingsAction("sso.connectionRemove", z.object({}), (_input, ctx) => removeConnection(ctx));
export const addSsoDomainAction = settingsAction("sso.domainAdd", addDomainSchema, (input, ctx) => claimDomain(ctx, input.domain));
export const verifySsoDomainAction = settingsAction("sso.domainVerify", domainIdSchema, (input, ctx) => verifyDomain(ctx, input.id));
export const removeSsoDomainAction = settingsAction("sso.domainRemove", domainIdSchema, (input, ctx) => removeDomain(ctx, input.id));

/**
 * Test connection: a real sign-in round trip through the provider for the holder who asks. The
 * flow is committed first, then the browser goes to the provider (app/sso/… finishes it).
 */
export const testSsoConnectionAction = accountAction({
  name: "sso.testStart",
  permission: "sso.manage",
  input: z.object({}),
  auditsItself: true,
  async handler(_input, ctx) {
    const connection = await findConnection(ctx.db, ctx.accountId);
    if (!connection) throw new UserFacingError("errors.ssoNoConnection");
    try {
      const { url, state } = await startFlow(ctx.db, connection, "TEST", { userId: ctx.user.id });
      await setFlowCookie(state);
      return { url };
    } catch (error) {
      if (error instanceof SsoUnavailable || error instanceof OidcRejected) throw new UserFacingError("errors.ssoDiscovery");
      throw error;
    }
  },
  redirectTo: ({ url }) => url,
});
