"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { resetTemplate, saveTemplate } from "@/lib/mail/template-admin";
import { resetEmailTemplateSchema, saveEmailTemplateSchema } from "@/lib/validation/email-templates";

const target = ({ kind, locale }: { kind: string; locale: string }) => ({ targetType: "emailTemplate", targetId: `${kind}:${locale}` });

export const saveEmailTemplateAction = accountAction({
  name: "emailTemplate.save",
  permission: "templates.manage",
  input: saveEmailTemplateSchema,
  async handler(input, ctx) {
    const saved = await saveTemplate(ctx.db, ctx.accountId, ctx.user.id, input, ctx.locale);
    ctx.audit({ action: "emailTemplate.save", ...target(input), before: saved.before, after: saved.after });
    revalidatePath("/settings/email-templates", "layout");
    return { kind: input.kind, locale: input.locale, updatedAt: saved.updatedAt };
  },
});

export const resetEmailTemplateAction = accountAction({
  name: "emailTemplate.reset",
  permission: "templates.manage",
  input: resetEmailTemplateSchema,
  async handler(input, ctx) {
    const reset = await resetTemplate(ctx.db, ctx.accountId, input);
    ctx.audit({ action: "emailTemplate.reset", ...target(input), before: reset.before, after: reset.after });
    revalidatePath("/settings/email-templates", "layout");
    return { kind: input.kind, locale: input.locale };
  },
});
