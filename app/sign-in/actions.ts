"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { signIn } from "@/lib/auth/config";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from "@/lib/auth/sign-in-limits";
import { getDb } from "@/lib/db/client";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { clientIp } from "@/lib/security/client-ip";
import { callbackPathSchema, signInSchema } from "@/lib/validation/auth";
import { languageSchema } from "@/lib/validation/profile";

export const signInAction = publicAction({
  name: "auth.signIn",
  input: signInSchema.extend({ callbackUrl: callbackPathSchema }),
  async handler({ email, password, callbackUrl }) {
    const ip = clientIp(await headers());
    await assertSignInAllowed(getDb(), email, ip);
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      await recordSignInFailure(getDb(), email, ip);
      throw new UserFacingError("errors.invalidCredentials");
    }
    await clearSignInFailures(getDb(), email);
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
