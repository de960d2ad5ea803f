// What the layout suite (tests/e2e/layout.spec.ts) shares: an account full of long names, every page
// of the app with the data it needs, and the check that nothing sticks out of the viewport.
import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import type { Locale } from "../../../lib/generated/prisma/enums";
import { issueInvitations } from "../../../lib/invitations/issue";
import { hashToken, newToken, withLinkToken } from "../../../lib/invitations/tokens";
import { queueEmails } from "../../../lib/mail/outbox";
import { TEMPLATE_KINDS } from "../../../lib/mail/template-variables";
import { createAccount } from "../../../lib/seed/accounts";
import { PASSWORD } from "../fixtures";

/** The names that broke the users list (issue 16): hyphenated and long, and one with no break opportunity at all. */
export const LONG = {
  firstName: "Maximiliana-Alexandrina",
  lastName: "Wolfeschlegelsteinhausenbergerdorff-Vanderberghe",
  unbreakable: "123456789012345678901234567890123456789",
  group: "Regional field technicians for northern and western Europe, second line",
  passkey: "YubiKey5NFC-on-the-keyring-of-Maximiliana-Alexandrina-Wolfeschlegelsteinhausenbergerdorff",
  /** Issue 20: strings with no break opportunity at all — a path, escaped markup, a URL. */
  path: "C:\\ProgramData\\CentralAdmin\\Deployments\\RemoteSupport\\NorthernAndWesternEurope\\FieldTechnicians\\SecondLine\\Configuration\\Overrides\\unattended-access.json",
  markup: "&lt;img&nbsp;src=x&nbsp;onerror=alert(1)&gt;".repeat(3),
  url: `https://downloads.central-admin.example/deployments/remote-support/northern-and-western-europe/field-technicians/second-line/configuration/overrides/unattended-access.json?token=${"0123456789abcdef".repeat(6)}`,
};
/** An address without a break opportunity (the local part and a domain label at their longest, 64 and 63). */
export const unbreakableEmail = (tag: string) => `${`https%3A%2F%2Fdownloads.central-admin.example%2Fdeployments%2F${tag}`.slice(0, 64)}@${"x".repeat(63 - tag.length)}${tag}.example`;
export const longEmail = (tag: string) => `maximiliana-alexandrina.wolfeschlegelsteinhausenbergerdorff-vanderberghe-${tag}@subsidiary.very-long-company-domain-name.example`;

export interface LayoutData {
  accountId: string;
  /** The account holder everyone signs in as: the long name is in the header too. */
  holder: { id: string; email: string; name: string };
  /** A user with a second factor: the sign-in's second step, and Reset two-step verification. */
  twoStep: { id: string; email: string };
  groupId: string;
  importId: string;
  outboxId: string;
  /** The user whose name, email and group have no break opportunity (LONG.path, LONG.markup, LONG.url). */
  tokensId: string;
  /** An audit event about that user, with those strings before and after. */
  auditId: string;
  /** One email of every kind, with long values (LONG.url, LONG.path, LONG.markup) in it. */
  outboxIds: string[];
  invitationPath: string;
  resetPath: string;
}

/** A fresh account of long names in `locale` (the holder's language, so the app speaks it), with a bit of everything. */
export async function createLongNameAccount(db: PrismaClient, locale: Locale): Promise<LayoutData> {
  const tag = crypto.randomBytes(4).toString("hex");
  const email = (name: string) => `${name}-${tag}@e2e.example`;
  const { account, users } = await createAccount(db, {
    // Without a break opportunity: it is in the header, the billing page and every email.
    name: `${LONG.path.slice(0, 90)}-${tag}`,
    password: PASSWORD,
    groups: [LONG.group, "Helpdesk", LONG.url.slice(0, 60)],
    seats: { central: 30, "remote-support": 10 },
    users: [
      { email: longEmail(tag), firstName: LONG.firstName, lastName: LONG.lastName, role: "ACCOUNT_HOLDER", locale, group: LONG.group, products: ["central", "remote-support"] },
      { email: email("unbreakable"), firstName: LONG.unbreakable, lastName: LONG.unbreakable, role: "ADMIN", locale, group: LONG.group, products: ["central", "remote-support"] },
      { email: email("two-step"), firstName: "Jürgen", lastName: "Weiß-Überschlag", role: "SUPPORT_STAFF", locale },
      { email: email("invited"), firstName: LONG.firstName, lastName: "Invited", status: "INVITED", locale },
      { email: unbreakableEmail(tag), firstName: LONG.path.slice(0, 50), lastName: LONG.markup.slice(0, 50), locale, group: LONG.url.slice(0, 60), products: ["central"] },
      { email: email("suspended"), firstName: "Søren", lastName: "Kierkegaard-Andersen", status: "SUSPENDED", locale, group: "Helpdesk" },
      ...Array.from({ length: 8 }, (_, i) => ({ email: email(`member${i}`), firstName: `Member${i}`, lastName: "Tester", locale, products: ["central" as const] })),
    ],
  });
  const [holder, unbreakable, twoStep, invited, tokens] = users;
  const group = await db.userGroup.findFirstOrThrow({ where: { accountId: account.id, name: LONG.group } });

  // A second factor: the verify page offers a passkey and the app's code (the secret is never used here).
  await db.user.update({ where: { id: twoStep.id }, data: { twoStepEnabled: true, totpSecret: "not-used-by-layout-tests", totpEnabledAt: new Date() } });
  await db.passkey.create({ data: { userId: twoStep.id, credentialId: `layout-${tag}`, publicKey: Buffer.from([1, 2, 3]), name: LONG.passkey } });

  // An invitation (and its email in the outbox), as Add user sends it.
  await db.$transaction((tx) =>
    issueInvitations(tx, account.id, { id: holder.id, firstName: holder.firstName, lastName: holder.lastName, accountName: account.name }, [{ user: invited, kind: "WELCOME", productCodes: ["central"] }]),
  );
  const outbox = await db.outboxEmail.findFirstOrThrow({ where: { recipient: invited.email }, orderBy: { createdAt: "desc" } });
  const invitationPath = new URL(withLinkToken(outbox.text.match(/\S+\/invitations\/\S+/)![0], outbox.linkToken!)).pathname;

  // A password reset link for the holder.
  const resetToken = newToken();
  await db.passwordReset.create({ data: { userId: holder.id, tokenHash: hashToken(resetToken), expiresAt: new Date(Date.now() + 3_600_000) } });

  // An import with long cells, valid and invalid rows.
  const cells = (firstName: string, lastName: string, mail: string) => ({ firstName, lastName, email: mail, language: "Deutsch", timeZone: "America/Argentina/ComodRivadavia", group: LONG.group, role: "Member" });
  const batch = await db.importBatch.create({
    data: {
      accountId: account.id, fileName: `${LONG.path}-${LONG.unbreakable}.csv`, createdById: holder.id, status: "SCHEDULED", rowCount: 4,
      settings: { products: ["central"] }, scheduledFor: new Date(Date.now() + 86_400_000), committedAt: new Date(),
      rows: {
        create: [
          { rowNumber: 1, cells: cells(LONG.firstName, LONG.lastName, `import-${longEmail(tag)}`), check: "valid", status: "PENDING" },
          { rowNumber: 2, cells: cells(LONG.unbreakable, LONG.unbreakable, `${LONG.unbreakable}${LONG.unbreakable}@e2e.example`), check: "valid", status: "PENDING" },
          { rowNumber: 3, cells: cells("", LONG.lastName, `not-an-email-${LONG.unbreakable}${LONG.unbreakable}`), check: "error", status: "INVALID", problems: [{ column: "firstName", code: "required" }, { column: "email", code: "invalidEmail" }] },
          { rowNumber: 4, cells: { ...cells(LONG.path, LONG.markup, LONG.url), group: LONG.url, timeZone: LONG.path }, check: "error", status: "INVALID", problems: [{ column: "email", code: "invalidEmail" }] },
        ],
      },
    },
  });

  // Invoices and audit events with long values.
  await db.invoice.createMany({
    data: [
      { accountId: account.id, number: `INV-${tag}-${LONG.url.slice(-100)}`, issuedAt: new Date(), amountCents: 4_200, currency: "EUR", status: "OPEN" },
      { accountId: account.id, number: `INV-${tag}-${LONG.unbreakable}`, issuedAt: new Date(), amountCents: 123_456_789, currency: "EUR", status: "OVERDUE" },
      { accountId: account.id, number: `INV-${tag}-2`, issuedAt: new Date(Date.now() - 30 * 86_400_000), amountCents: 9_900, currency: "EUR", status: "PAID" },
    ],
  });
  // API tokens with long names, one used from a long IPv6 address, one expired.
  await db.apiToken.createMany({
    data: [
      { name: `${LONG.unbreakable}${LONG.unbreakable}`, roleCeiling: "ADMIN" as const, scopes: ["READ_ONLY" as const, "USERS" as const, "LICENCES" as const, "SCIM" as const], lastUsedAt: new Date(), lastUsedFrom: "2001:0db8:85a3:0000:0000:8a2e:0370:7334", expiresAt: null },
      { name: LONG.path.slice(0, 100), roleCeiling: "MEMBER" as const, scopes: [], expiresAt: new Date(Date.now() - 86_400_000) },
    ].map((token, i) => ({ ...token, accountId: account.id, createdById: holder.id, secretHash: `${tag}${i}`.padEnd(64, "0") })),
  });
  await db.auditEvent.createMany({
    data: [
      { action: "user.update", targetType: "user", targetId: unbreakable.id, before: { firstName: "Max", group: "Helpdesk" }, after: { firstName: LONG.unbreakable, group: LONG.group } },
      { action: "capabilities.update", targetType: "user", targetId: unbreakable.id, before: { remoteControl: false }, after: { remoteControl: true } },
      { action: "group.create", targetType: "group", targetId: group.id, after: { name: LONG.group } },
      { action: "user.update", targetType: "user", targetId: tokens.id, before: { firstName: LONG.markup, lastName: LONG.path }, after: { firstName: LONG.path, email: LONG.url } },
      { action: "import.upload", targetType: "import", targetId: batch.id, after: { fileName: LONG.path, rows: 4 } },
    ].map((event) => ({ ...event, accountId: account.id, actorId: holder.id })),
  });

  const audit = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, targetId: tokens.id, action: "user.update" } });

  // The account's own text for the customizable emails, with a URL, a path and escaped markup in it
  // (the template editor's previews), and one email of every kind in the outbox with long values.
  const templateText = { subject: `${LONG.markup} {{ accountName }}`.slice(0, 200), body: `Hello {{ firstName }},\n\n${LONG.url}\n\n${LONG.path}\n\n${LONG.markup}\n\n{{ accountName }}` };
  await db.emailTemplate.createMany({
    data: [
      { kind: "welcome" as const, body: `${templateText.body}\n\n{{ invitationUrl }}` },
      { kind: "productChange" as const, body: `${templateText.body}\n\n{{ productNames }}` },
      { kind: "passwordReset" as const, body: `${templateText.body}\n\n{{ resetUrl }}` },
    ].map((template) => ({ ...template, subject: templateText.subject, accountId: account.id, locale, updatedById: holder.id })),
  });
  const outboxIds = await db.$transaction((tx) =>
    queueEmails(tx, account.id, TEMPLATE_KINDS.map((kind) => ({
      to: { email: tokens.email, locale, timeZone: "America/Argentina/ComodRivadavia" },
      kind,
      variables: {
        firstName: LONG.markup, accountName: account.name, inviterName: `${LONG.path.slice(0, 50)} ${LONG.markup.slice(0, 50)}`,
        invitationUrl: LONG.url, expiresAt: new Date(Date.now() + 86_400_000), productNames: [LONG.url.slice(0, 60), LONG.path],
        fileName: LONG.path, refusedRows: 1_234_567, importUrl: LONG.url, resetUrl: LONG.url, signInUrl: LONG.url,
      },
    }))),
  );
  await db.outboxEmail.update({ where: { id: outboxIds[0] }, data: { status: "FAILED", lastError: `550 5.1.1 <${tokens.email}>: ${LONG.url}` } });
  await db.passkey.create({ data: { userId: holder.id, credentialId: `layout-unbreakable-${tag}`, publicKey: Buffer.from([4]), name: LONG.url.slice(0, 60) } });

  return {
    accountId: account.id,
    tokensId: tokens.id,
    auditId: audit.id,
    outboxIds,
    holder: { id: holder.id, email: holder.email, name: `${holder.firstName} ${holder.lastName}` },
    twoStep: { id: twoStep.id, email: twoStep.email },
    groupId: group.id,
    importId: batch.id,
    outboxId: outbox.id,
    invitationPath,
    resetPath: `/reset-password/${resetToken}`,
  };
}

/** Every page of the app a signed-in account holder opens (each page.tsx under app/(app), with data for the dynamic ones). */
export function signedInPages(data: LayoutData, unbreakableId: string, locale: Locale = "en"): string[] {
  return [...new Set([
    "/",
    "/people/users",
    `/people/users?q=${encodeURIComponent(LONG.firstName)}`,
    "/people/users/new",
    "/people/users/import",
    "/people/users/imports",
    `/people/users/imports/${data.importId}`,
    `/people/users/${unbreakableId}`,
    `/people/users/${unbreakableId}?tab=products`,
    `/people/users/${unbreakableId}?tab=settings`,
    `/people/users/${unbreakableId}?tab=activity`,
    `/people/users/${data.twoStep.id}`,
    `/people/users/${data.tokensId}`,
    `/people/users/${data.tokensId}?tab=products`,
    `/people/users/${data.tokensId}?tab=settings`,
    `/people/users/${data.tokensId}?tab=activity`,
    `/people/users?q=${encodeURIComponent(LONG.path.slice(0, 20))}`,
    "/people/groups",
    "/billing",
    "/profile",
    "/profile/security",
    "/settings/audit-log",
    `/settings/audit-log?target=${encodeURIComponent(LONG.path.slice(0, 20))}`,
    `/settings/audit-log/${data.auditId}`,
    "/settings/email-templates",
    "/settings/email-templates/welcome/en",
    `/settings/email-templates/welcome/${locale}`,
    `/settings/email-templates/productChange/${locale}`,
    `/settings/email-templates/passwordReset/${locale}`,
    "/settings/outbox",
    `/settings/outbox/${data.outboxId}`,
    ...data.outboxIds.map((id) => `/settings/outbox/${id}`),
    "/settings/security",
    "/settings/api-tokens",
    "/this-page-does-not-exist",
  ])];
}

/**
 * What sticks out: the document wider than the viewport, and every visible control (button, link,
 * input, select, textarea, summary, or an element with such a role or a tab stop) that lies outside
 * it horizontally. A control inside a horizontally scrollable region (overflow-x auto/scroll) counts
 * only with the part of it inside the region's box: scrolled away inside its region is fine.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const documentWidth = document.documentElement.scrollWidth;
    if (documentWidth > width) {
      // What sticks out: the innermost elements past the right edge (or whose content is), to say what broke the page.
      const out = [...document.querySelectorAll("body *")].filter((element) => element.getBoundingClientRect().right > width + 1 || element.getBoundingClientRect().left + element.scrollWidth > width + 1);
      const culprits = out.filter((element) => !out.some((other) => other !== element && element.contains(other))).slice(0, 3)
        .map((element) => `${element.tagName.toLowerCase()} “${(element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40)}”`);
      problems.push(`the document is ${documentWidth} px wide (viewport ${width} px): ${culprits.join(", ")}`);
    }
    const selector = "button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=switch], [role=checkbox], [role=menuitem], [role=combobox], [tabindex]:not([tabindex='-1'])";
    const describe = (element: Element) => {
      const label = element.getAttribute("aria-label") ?? (element as HTMLInputElement).labels?.[0]?.textContent ?? element.textContent ?? "";
      return `${element.tagName.toLowerCase()} “${label.replace(/\s+/g, " ").trim().slice(0, 60)}”`;
    };
    for (const element of document.querySelectorAll(selector)) {
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden (sr-only), or nothing to hit
      let left = rect.left;
      let right = rect.right;
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (overflow !== "auto" && overflow !== "scroll") continue;
        const box = parent.getBoundingClientRect();
        left = Math.max(left, box.left);
        right = Math.min(right, box.right);
      }
      if (right - left <= 0) continue; // scrolled out of its region: reachable by scrolling the region
      if (left < -0.5 || right > width + 0.5) problems.push(`${describe(element)} spans x ${Math.round(left)}–${Math.round(right)} (viewport ${width} px)`);
    }
    return problems;
  });
}
