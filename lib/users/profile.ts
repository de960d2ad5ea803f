import "server-only";
import type { ActionContext } from "@/lib/actions/define-action";
import { NotFoundError } from "@/lib/actions/errors";
import type { AppLocale } from "@/lib/i18n/locales";

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
