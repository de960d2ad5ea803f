"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { accountAction, publicAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/current-user";
import { endOwnSession, revokeOwnOtherSessions, revokeOwnSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { rememberLocale } from "@/lib/i18n/request-locale";
import { rememberTheme } from "@/lib/theme/request-theme";
import { themeSchema } from "@/lib/theme/theme";
import { appUrl } from "@/lib/app-url";
import { changeOwnPassword } from "@/lib/users/password";
import { updateOwnLanguage } from "@/lib/users/profile";
import { changePasswordSchema, languageSchema, revokeSessionSchema } from "@/lib/validation/profile";

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

export const revokeMySessionAction = accountAction({
  name: "session.revoke",
  permission: "profile.update",
  input: revokeSessionSchema,
  async handler({ sessionId }, ctx) {
    const result = await revokeOwnSession(ctx, sessionId);
    revalidatePath("/profile/security");
    return result;
  },
});

export const revokeMyOtherSessionsAction = accountAction({
  name: "session.revokeOthers",
  permission: "profile.update",
  input: z.object({}),
  async handler(_input, ctx) {
    const result = await revokeOwnOtherSessions(ctx);
    revalidatePath("/profile/security");
    return result;
  },
});

// Public on purpose: a user whose session was already revoked must still be able to clear the cookie.
export const signOutAction = publicAction({
  name: "auth.signOut",
  input: z.object({}),
  async handler() {
    // The session row is revoked first: a copy of the cookie is refused from now on.
    const user = await getCurrentUser();
    if (user) await endOwnSession(getDb(), user);
    await signOut({ redirect: false });
    // Auth.js would build this address from the request's Host header: the app's own address instead.
    redirect(`${appUrl()}/sign-in`);
  },
});

// Public: a browser preference kept in a cookie, like the language of signed-out pages.
export const setThemeAction = publicAction({
  name: "theme.set",
  input: themeSchema,
  async handler({ theme }) {
    await rememberTheme(theme);
    return { theme };
  },
});
