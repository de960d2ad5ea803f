"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { translator } from "@/lib/i18n/messages";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { updateOwnProfile } from "@/lib/users/profile";
import { myProfileSchema } from "@/lib/validation/profile";

// Every role edits their own profile: the user is the session's, never an id from the form.
export const updateMyProfileAction = accountAction({
  name: "profile.update",
  permission: "profile.update",
  input: myProfileSchema,
  async handler(input, ctx) {
    const result = await updateOwnProfile(ctx, input);
    // A new language applies at once, as with the account menu's switch (the cookie keeps it after sign-out).
    if (result.localeChanged) await rememberLocale(result.locale);
    revalidatePath("/", "layout");
    return { ...result, message: translator(result.locale)("profile.saved") };
  },
});
