"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { publicAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { signIn } from "@/lib/auth/config";
import { clearPendingSignIn, startPendingSignIn } from "@/lib/auth/pending-sign-in";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { grantSignIn } from "@/lib/auth/sign-in-grants";
import { getDb } from "@/lib/db/client";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { clientIp } from "@/lib/security/client-ip";
import { callbackPathSchema, signInSchema } from "@/lib/validation/auth";
import { languageSchema } from "@/lib/validation/profile";
import { findConnectionById } from "@/lib/sso/connection";
import { ssoRouteFor } from "@/lib/sso/domains";
import { flowStartPath, setFlowCookie, startFlow } from "@/lib/sso/flows";
import { ssoEmailSchema, ssoLookupSchema } from "@/lib/validation/sso";

export const signInAction = publicAction({
  name: "auth.signIn",
  input: signInSchema.extend({ callbackUrl: callbackPathSchema }),
  // A refused sign-in shows the form again with the email as typed (the password is retyped).
  echo: ["email"],
  async handler({ email, password, callbackUrl }) {
    const user = await signInWithPassword(getDb(), { email, password, ip: clientIp(await headers()) });
    // A second factor: no session yet, a pending state the second step opens (decision 0020).
    if (user.twoStepEnabled) {
      await startPendingSignIn(user, callbackUrl);
      redirect("/sign-in/verify");
    }
    await clearPendingSignIn(); // an earlier, unfinished two-step sign-in in this browser
    // The password was checked once, above; Auth.js only issues the session cookie for the grant.
    try {
      await signIn("credentials", { grant: grantSignIn(user), redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw new UserFacingError("errors.invalidCredentials");
    }
    redirect(callbackUrl);
  },
});

export const setLocaleCookieAction = publicAction({
  name: "locale.setCookie",
  input: languageSchema,
  async handler({ locale }) {
    await rememberLocale(locale);
    revalidatePath("/", "layout");
    return { locale };
  },
});

/**
 * The sign-in page asks, once an email is typed, whether its domain signs in through a company's
 * provider: then the form offers Continue with single sign-on instead of the password (and says
 * whether the account requires it). Domains are not secret; no user is looked up.
 */
export const ssoLookupAction = publicAction({
  name: "auth.ssoLookup",
  input: ssoLookupSchema,
  async handler({ email }) {
    const route = await ssoRouteFor(getDb(), email);
    return { sso: route !== null, required: route?.policy === "REQUIRED" };
  },
});

/** Continue with single sign-on: off to the provider of the email's verified domain, or a message at the email. */
export const continueWithSsoAction = publicAction({
  name: "auth.ssoStart",
  input: ssoEmailSchema,
  echo: ["email"],
  async handler({ email, callbackUrl }) {
    const db = getDb();
    const route = await ssoRouteFor(db, email);
    const connection = route && (await findConnectionById(db, route.id));
    if (!connection) throw new UserFacingError("errors.ssoNotForEmail", {}, "email");
    const { state } = await startFlow(db, connection, "SIGN_IN", { callbackUrl });
    await setFlowCookie(state);
    redirect(flowStartPath(state));
  },
});
