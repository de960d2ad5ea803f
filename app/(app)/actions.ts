"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction, publicAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/config";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { updateOwnLanguage } from "@/lib/users/profile";
import { languageSchema } from "@/lib/validation/profile";

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

// Public on purpose: a user whose session was already revoked must still be able to clear the cookie.
export const signOutAction = publicAction({
  name: "auth.signOut",
  input: z.object({}),
  async handler() {
    await signOut({ redirectTo: "/sign-in" });
  },
});
