"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { signIn } from "@/lib/auth/config";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { callbackPathSchema, signInSchema } from "@/lib/validation/auth";
import { languageSchema } from "@/lib/validation/profile";

export const signInAction = publicAction({
  name: "auth.signIn",
  input: signInSchema.extend({ callbackUrl: callbackPathSchema.optional() }),
  async handler({ email, password, callbackUrl }) {
    try {
      await signIn("credentials", { email, password, redirect: false });
    } catch (error) {
      if (error instanceof AuthError) throw new UserFacingError("errors.invalidCredentials");
      throw error;
    }
    redirect(callbackUrl ?? "/");
  },
});

export const setLocaleCookieAction = publicAction({
  name: "locale.setCookie",
  input: languageSchema,
  async handler({ locale }) {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    revalidatePath("/", "layout");
    return { locale };
  },
});
