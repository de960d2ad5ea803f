import "server-only";
import { UserFacingError } from "@/lib/actions/errors";
import type { Tx } from "@/lib/db/client";
import { LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { CUSTOMIZABLE_KINDS, DEFAULT_TEMPLATES, type CustomizableKind, type TemplateSource } from "@/lib/mail/templates";
import { problemMessage, TEMPLATE_FIELDS, templateProblems } from "@/lib/validation/email-templates";

export interface TemplateStatus {
  kind: CustomizableKind;
  locale: AppLocale;
  customized: boolean;
  /** When the account's own version was last saved, and by whom (null once that user is deleted). */
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface TemplateId {
  kind: CustomizableKind;
  locale: AppLocale;
}

const edited = {
  id: true, kind: true, locale: true, subject: true, body: true, updatedAt: true,
  updatedBy: { select: { firstName: true, lastName: true } },
} as const;

const fullName = (user: { firstName: string; lastName: string } | null) => (user ? `${user.firstName} ${user.lastName}`.trim() : null);

/** Every customizable kind × language, the account's own version or the default, in the order of CUSTOMIZABLE_KINDS and LOCALES. */
export async function listTemplates(db: Tx, accountId: string): Promise<TemplateStatus[]> {
  const overrides = await db.emailTemplate.findMany({ where: { accountId }, select: edited });
  const byId = new Map(overrides.map((t) => [`${t.kind}:${t.locale}`, t]));
  return CUSTOMIZABLE_KINDS.flatMap((kind) =>
    LOCALES.map((locale) => {
      const own = byId.get(`${kind}:${locale}`);
      return { kind, locale, customized: !!own, updatedAt: own?.updatedAt ?? null, updatedBy: fullName(own?.updatedBy ?? null) };
    }),
  );
}

/** The template an email of this kind and language is sent with now, and the default it replaces. */
export async function getTemplate(db: Tx, accountId: string, { kind, locale }: TemplateId) {
  const own = await db.emailTemplate.findUnique({ where: { accountId_kind_locale: { accountId, kind, locale } }, select: edited });
  const defaults: TemplateSource = DEFAULT_TEMPLATES[locale][kind];
  return {
    kind,
    locale,
    subject: own?.subject ?? defaults.subject,
    body: own?.body ?? defaults.body,
    customized: !!own,
    updatedAt: own?.updatedAt ?? null,
    updatedBy: fullName(own?.updatedBy ?? null),
    defaults,
  };
}

/**
 * Serializes changes to one template until the transaction ends, so that the audit's "before" is
 * the version the change replaced, even when two admins save at once.
 */
async function lockTemplate(db: Tx, accountId: string, { kind, locale }: TemplateId) {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`email-template:${accountId}:${kind}:${locale}`}, 0))`;
}

/** Audit snapshot: what the account's emails of this kind and language were sent with. */
async function currentVersion(db: Tx, accountId: string, id: TemplateId) {
  const { subject, body, customized } = await getTemplate(db, accountId, id);
  return { subject, body, customized };
}

/**
 * Refuses a template with problems, at its first field that has some, naming all of that field's
 * problems in the caller's language. (The action wrapper reports one field per refusal; the
 * editor has already shown every problem of both fields before the form was sent.)
 */
function assertNoProblems(kind: CustomizableKind, source: TemplateSource, messagesLocale: AppLocale) {
  const problems = templateProblems(kind, source);
  const field = TEMPLATE_FIELDS.find((f) => problems[f].length > 0);
  if (!field) return;
  const t = translator(messagesLocale);
  const list = problems[field].map((problem) => {
    const { key, values } = problemMessage(problem);
    return t(`emailTemplates.problems.${key}`, values);
  });
  throw new UserFacingError("emailTemplates.refused", { problems: list.join(" ") }, field);
}

/** Saves the account's own version of a template; every later email of this kind and language uses it. */
export async function saveTemplate(
  db: Tx,
  accountId: string,
  editorId: string,
  input: TemplateId & TemplateSource,
  messagesLocale: AppLocale,
) {
  const { kind, locale, subject, body } = input;
  assertNoProblems(kind, { subject, body }, messagesLocale);
  await lockTemplate(db, accountId, input);
  const before = await currentVersion(db, accountId, input);
  const saved = await db.emailTemplate.upsert({
    where: { accountId_kind_locale: { accountId, kind, locale } },
    create: { accountId, kind, locale, subject, body, updatedById: editorId },
    update: { subject, body, updatedById: editorId },
    select: { id: true, updatedAt: true },
  });
  return { id: saved.id, updatedAt: saved.updatedAt, before, after: { subject, body, customized: true } };
}

/** Deletes the account's own version: emails of this kind and language use the default again. */
export async function resetTemplate(db: Tx, accountId: string, id: TemplateId) {
  await lockTemplate(db, accountId, id);
  const before = await currentVersion(db, accountId, id);
  const { count } = await db.emailTemplate.deleteMany({ where: { accountId, kind: id.kind, locale: id.locale } });
  if (count === 0) throw new UserFacingError("emailTemplates.alreadyDefault");
  const defaults = DEFAULT_TEMPLATES[id.locale][id.kind];
  return { before, after: { subject: defaults.subject, body: defaults.body, customized: false } };
}
