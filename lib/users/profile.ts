import "server-only";
import type { z } from "zod";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError } from "@/lib/actions/errors";
import type { AppLocale } from "@/lib/i18n/locales";
import { userKeys } from "@/lib/users/search-key";
import type { myProfileSchema } from "@/lib/validation/profile";

/** Changes the signed-in user's own language; scoped to their account like every user write. */
export async function updateOwnLanguage(ctx: ActionContext, locale: AppLocale) {
  const before = ctx.user.locale;
  const { count } = await ctx.db.user.updateMany({
    where: { id: ctx.user.id, accountId: ctx.accountId },
    data: { locale },
  });
  if (count !== 1) throw new NotFoundError();
  ctx.audit({ action: "profile.language.update", targetType: "user", targetId: ctx.user.id, before: { locale: before }, after: { locale } });
  return { locale };
}

const OWN_EDITABLE = ["firstName", "lastName", "locale", "timeZone"] as const;

/**
 * My profile: the signed-in user's names, language and time zone (never their email, role or group,
 * which an admin sets). Audited as `profile.update` with the fields that changed.
 */
export async function updateOwnProfile(ctx: ActionContext, input: z.output<typeof myProfileSchema>) {
  const before = await ctx.db.user.findFirst({
    where: { id: ctx.user.id, accountId: ctx.accountId },
    select: { id: true, email: true, firstName: true, lastName: true, locale: true, timeZone: true },
  });
  if (!before) throw new NotFoundError();
  const changed = OWN_EDITABLE.filter((key) => before[key] !== input[key]);
  if (changed.length > 0) {
    await ctx.db.user.update({
      where: { id: before.id },
      data: { ...input, ...userKeys({ firstName: input.firstName, lastName: input.lastName, email: before.email }) },
    });
  }
  ctx.audit({
    action: "profile.update",
    targetType: "user",
    targetId: before.id,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, input[key]])),
  });
  return { changed: changed.length, locale: input.locale, localeChanged: changed.includes("locale") };
}
