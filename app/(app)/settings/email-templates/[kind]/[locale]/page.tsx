import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/badge";
import { ResetTemplateForm } from "@/components/email-templates/reset-template-form";
import { TemplateForm } from "@/components/email-templates/template-form";
import { renderPreview } from "@/components/email-templates/template-checker";
import type { TemplateSample } from "@/components/email-templates/template-editor";
import { SentTooLarge } from "@/components/sent-too-large";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db/client";
import { LOCALE_NAMES, type AppLocale } from "@/lib/i18n/locales";
import { accountProducts } from "@/lib/licences/products";
import { getTemplate } from "@/lib/mail/template-admin";
import { passwordResetSettings } from "@/lib/password-reset/settings";
import type { TemplateKind } from "@/lib/mail/templates";
import { emailTemplateIdSchema } from "@/lib/validation/email-templates";
import { resetEmailTemplateAction, saveEmailTemplateAction } from "../../actions";
import { isolate } from "@/lib/bidi";

type Props = {
  params: Promise<{ kind: string; locale: string }>;
  searchParams: Promise<{ reset?: string; tooLarge?: string }>;
};

const INVITATION_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

async function loadTemplate(params: Props["params"]) {
  const user = await requirePermission("templates.manage");
  const id = emailTemplateIdSchema.safeParse(await params);
  if (!id.success) notFound();
  return { user, template: await getTemplate(getDb(), user.accountId, id.data) };
}

async function title(template: { kind: TemplateKind; locale: AppLocale }) {
  const t = await getTranslations("emailTemplates");
  return t("editTitle", { kind: t(`kinds.${template.kind}`), language: LOCALE_NAMES[template.locale] });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { template } = await loadTemplate(params);
  return { title: `${await title(template)} · ${(await getTranslations("emailTemplates"))("title")}` };
}

export default async function EmailTemplatePage({ params, searchParams }: Props) {
  const { user, template } = await loadTemplate(params);
  const [t, format, heading, products, query] = await Promise.all([
    getTranslations("emailTemplates"),
    getFormatter(),
    title(template),
    accountProducts(getDb(), user.accountId),
    searchParams,
  ]);
  const path = `/settings/email-templates/${template.kind}/${template.locale}`;
  // The preview's stand-ins: the admin's account, name and time zone, the account's products.
  const sample: TemplateSample = {
    timeZone: user.timeZone,
    variables: {
      firstName: t("sampleFirstName"),
      accountName: user.account.name,
      inviterName: `${user.firstName} ${user.lastName}`.trim(),
      invitationUrl: "https://example.com/invitations/sample",
      resetUrl: "https://example.com/reset-password/sample",
      expiresAt: new Date(Date.now() + (template.kind === "passwordReset" ? passwordResetSettings().ttlMs : INVITATION_VALIDITY_MS)),
      productNames: products.map((p) => p.name),
    },
  };

  return (
    <div className="space-y-6">
      <Link href="/settings/email-templates" className="text-sm text-brand-700 underline">{t("back")}</Link>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{heading}</h1>
        <SentTooLarge query={query} />
        <p className="text-sm text-slate-600">{t(`kindHints.${template.kind}`)}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={template.customized ? "info" : "neutral"} label={template.customized ? t("customized") : t("default")} />
          <span>
            {template.updatedAt
              ? t("statusCustomized", {
                  name: template.updatedBy ? isolate(template.updatedBy) : t("formerUser"),
                  date: format.dateTime(template.updatedAt, { dateStyle: "medium", timeStyle: "short", timeZone: user.timeZone }),
                })
              : t("statusDefault")}
          </span>
        </p>
      </div>
      {query.reset !== undefined ? (
        <ResetTemplateForm action={resetEmailTemplateAction} kind={template.kind} locale={template.locale} cancelHref={path} />
      ) : (
        template.customized && (
          <Link href={`${path}?reset=1`} className="inline-block rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
            {t("reset")}
          </Link>
        )
      )}
      <TemplateForm
        action={saveEmailTemplateAction}
        kind={template.kind}
        locale={template.locale}
        subject={template.subject}
        body={template.body}
        version={template.updatedAt?.toISOString() ?? "default"}
        sample={sample}
        initialPreview={renderPreview(template.kind, template.locale, { subject: template.subject, body: template.body }, sample)}
      />
    </div>
  );
}
