"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { accountAction, publicAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/config";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { updateOwnLanguage } from "@/lib/users/profile";
import { languageSchema } from "@/lib/validation/profile";

export const updateMyLanguageAction = accountAction({
  name: "profile.language.update",
  permission: "profile.update",
  input: languageSchema,
  async handler({ locale }, ctx) {
    const result = await updateOwnLanguage(ctx, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
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
