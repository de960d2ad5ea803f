"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction, publicAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/config";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { changeOwnPassword } from "@/lib/users/password";
import { updateOwnLanguage } from "@/lib/users/profile";
import { changePasswordSchema, languageSchema } from "@/lib/validation/profile";

export const updateMyLanguageAction = accountAction({
  name: "profile.language.update",
  permission: "profile.update",
  input: languageSchema,
  async handler({ locale }, ctx) {
    const result = await updateOwnLanguage(ctx, locale);
    await rememberLocale(locale);
    revalidatePath("/", "layout");
    return result;
  },
});

export const changeMyPasswordAction = accountAction({
  name: "profile.password.change",
  permission: "profile.update",
  input: changePasswordSchema,
  handler: (input, ctx) => changeOwnPassword(ctx, input),
  // Every session of the user ended with the change, this one too.
  redirectTo: () => "/sign-in?notice=passwordChanged",
});

// Public on purpose: a user whose session was already revoked must still be able to clear the cookie.
export const signOutAction = publicAction({
  name: "auth.signOut",
  input: z.object({}),
  async handler() {
    await signOut({ redirectTo: "/sign-in" });
  },
});
