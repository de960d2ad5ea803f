import { isolate } from "@/lib/bidi";
import type { AppLocale } from "@/lib/i18n/locales";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/messages";
import { CAPABILITIES } from "@/lib/validation/capabilities";
import { auditMessageKey, isAuditAction } from "./events";
import { personName } from "./labels";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Person { firstName: string; lastName: string; email: string }

/** An event as read from the database (lib/audit/queries.ts). */
export interface AuditEventRow {
  id: string;
  action: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  createdAt: Date;
  before: unknown;
  after: unknown;
  actor: Person | null;
  /** The API token the change was made with (its creator is `actor`), if any. */
  actorToken?: { name: string } | null;
}

/** What the events of a page refer to, each kind looked up once for the page (lib/audit/names.ts). */
export interface AuditNames {
  /** The account's current users by id. */
  users: Map<string, Person>;
  /** Users no longer in the account: the email their events stored, by id. */
  goneUsers: Map<string, string>;
  groups: Map<string, string>;
  /** Product names by code. */
  products: Map<string, string>;
  /** Import file names by batch id. */
  imports: Map<string, string>;
}

export const emptyAuditNames = (): AuditNames => ({ users: new Map(), goneUsers: new Map(), groups: new Map(), products: new Map(), imports: new Map() });

/** One field as it was and as it became, both as text for the viewer; a side left out did not exist. */
export interface AuditChange { field: string; before?: string; after?: string }

export interface DescribedEvent {
  id: string;
  action: string;
  sentence: string;
  actorName: string;
  /** The user the event was about, when there is one (a current user or a stored email). */
  targetName?: string;
  changes: AuditChange[];
  /** The client's address, when the event recorded it (sign-ins). */
  clientAddress?: string;
  createdAt: Date;
}

export interface AuditViewer { locale: AppLocale; timeZone: string }

/** Recorded details that say nothing to a reader (ids) or are shown elsewhere (the client's address). */
const HIDDEN = new Set(["ip", "passkeyId", "sessionId", "accountId", "holder", "via", "requestedBy", "method"]);
const CAPABILITY_KEYS = new Set<string>(CAPABILITIES);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LONG_TEXT = 120;

const asObject = (value: unknown): JsonObject => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {});
const text = (value: Json | undefined) => (typeof value === "string" ? value : "");

/**
 * Reads every event of a page as sentences and readable changes in the viewer's language and time
 * zone. Pure: the names come from one lookup per kind for the whole page.
 */
export function describeAuditEvents(events: AuditEventRow[], names: AuditNames, viewer: AuditViewer): DescribedEvent[] {
  const t = translator(viewer.locale);
  const tr = (key: string, values?: Record<string, string | number>) => (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
  const has = (key: string) => (t as unknown as { has: (k: string) => boolean }).has(key);
  const dateTime = new Intl.DateTimeFormat(viewer.locale, { dateStyle: "medium", timeStyle: "short", timeZone: viewer.timeZone });
  const numbers = new Intl.NumberFormat(viewer.locale);
  const list = new Intl.ListFormat(viewer.locale, { type: "conjunction" });
  const productName = (code: string) => names.products.get(code) ?? code;
  const groupName = (id: Json | undefined) => (typeof id === "string" && id ? names.groups.get(id) ?? tr("audit.deletedGroup") : tr("userDetail.noGroup"));
  const userName = (id: string) => {
    const user = names.users.get(id);
    if (user) return personName(user) || user.email;
    return names.goneUsers.get(id) ?? tr("audit.deletedUser");
  };
  const labelOr = (key: string, fallback: string) => (has(key) ? tr(key) : fallback);

  function value(key: string, raw: Json | undefined): string {
    if (raw === undefined) return "";
    if ((key === "role" || key === "roleCeiling") && typeof raw === "string") return labelOr(`roles.${raw}`, raw);
    if (key === "scopes" && Array.isArray(raw)) return raw.length > 0 ? list.format(raw.map((s) => labelOr(`apiTokens.scope.${s}`, String(s)))) : tr("apiTokens.allScopes");
    if (key === "status" && typeof raw === "string") return labelOr(`status.${raw}`, raw);
    if (key === "groupId") return groupName(raw);
    if (key === "product" && typeof raw === "string") return productName(raw);
    if (key === "locale" && typeof raw === "string") return LOCALE_NAMES[raw as AppLocale] ?? raw;
    if (key === "policy" && typeof raw === "string") return labelOr(`securitySettings.policy.${raw}`, raw);
    if (key === "ssoPolicy" && typeof raw === "string") return labelOr(`ssoSettings.policy.${raw}`, raw);
    if (key === "protocol" && typeof raw === "string") return labelOr(`ssoSettings.protocol.${raw}`, raw);
    if (key === "reason" && typeof raw === "string") return labelOr(`audit.reasons.${raw}`, raw);
    if (key === "operation" && typeof raw === "string") return labelOr(`users.ops.${raw}`, raw);
    if (key === "outcome" && typeof raw === "string") return labelOr(`users.jobs.outcome.${raw}`, raw);
    if (key === "error" && typeof raw === "string") return labelOr(raw, raw);
    if (CAPABILITY_KEYS.has(key) && typeof raw === "boolean") return tr(raw ? "audit.values.on" : "audit.values.off");
    if (raw === null) return tr("audit.values.none");
    if (Array.isArray(raw)) {
      const items = raw.map((item) => (typeof item === "string" && (key === "products" || key === "skippedProducts") ? productName(item) : value("", item)));
      return items.length > 0 ? list.format(items) : tr("audit.values.none");
    }
    if (typeof raw === "boolean") return tr(raw ? "audit.values.yes" : "audit.values.no");
    if (typeof raw === "number") return numbers.format(raw);
    if (typeof raw === "object") return list.format(Object.entries(raw).map(([k, v]) => `${labelOr(`audit.reasons.${k}`, k)}: ${value(k, v)}`));
    if (ISO_INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return dateTime.format(new Date(raw));
    return raw.length > LONG_TEXT ? `${raw.slice(0, LONG_TEXT - 1)}…` : raw;
  }

  function changesOf(event: AuditEventRow): AuditChange[] {
    const before = asObject(event.before);
    const after = asObject(event.after);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
    const licence = event.action.startsWith("licence.");
    const changes: AuditChange[] = [];
    for (const key of keys) {
      const inBefore = key in before;
      const inAfter = key in after;
      if (inBefore && inAfter && JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      if (licence) {
        const side = (v: Json | undefined) => (v === undefined ? undefined : tr(v ? "audit.values.assigned" : "audit.values.notAssigned"));
        changes.push({ field: productName(key), before: side(before[key]), after: side(after[key]) });
        continue;
      }
      const field = CAPABILITY_KEYS.has(key) ? tr(`capabilities.${key}`) : labelOr(`audit.fields.${key}`, key);
      // Isolated (decision 0014): a right-to-left name can't swap the sides of the arrow between them.
      changes.push({ field, before: inBefore ? isolate(value(key, before[key])) : undefined, after: inAfter ? isolate(value(key, after[key])) : undefined });
    }
    return changes;
  }

  function targetName(event: AuditEventRow, data: JsonObject): string {
    const id = event.targetId ?? "";
    switch (event.targetType) {
      case "user": return userName(id);
      case "group": return names.groups.get(id) ?? (text(data.name) || tr("audit.deletedGroup"));
      case "import": return names.imports.get(id) ?? (text(data.fileName) || tr("audit.anImport"));
      case "emailTemplate": {
        const [kind, locale] = id.split(":");
        return `${labelOr(`emailTemplates.kinds.${kind}`, kind)} (${LOCALE_NAMES[locale as AppLocale] ?? locale})`;
      }
      case "account": return text(data.name);
      case "apiToken": return text(data.name) || tr("audit.anApiToken");
      case "domain": return text(data.domain);
      case "ssoIdentity": return text(data.email) || text(data.identity);
      default: return "";
    }
  }

  return events.map((event) => {
    const before = asObject(event.before);
    const after = asObject(event.after);
    const data = { ...before, ...after };
    const personActor = event.actor ? personName(event.actor) || event.actor.email : tr("audit.theSystem");
    // A change made with an API token names the token, and the person it acts for.
    const actorName = event.actorToken
      ? tr("audit.tokenActor", { token: isolate(event.actorToken.name), creator: isolate(event.actor ? personActor : tr("audit.deletedUser")) })
      : personActor;
    const target = targetName(event, data);
    const changed = CAPABILITIES.filter((k) => typeof after[k] === "boolean" && before[k] !== after[k]);
    const productCode = event.action.startsWith("provisioning.")
      ? text(data.product)
      : Object.keys(event.action.startsWith("licence.") ? { ...after, ...before } : {})[0] ?? "";
    const groupId = after.groupId;
    // Names are isolated in the sentence (decision 0014): a right-to-left override in one can't turn the words around it.
    const values: Record<string, string | number> = {
      actor: isolate(actorName),
      target: isolate(target),
      product: isolate(productName(productCode)),
      capability: changed.length === 1 ? tr(`capabilities.${changed[0]}`) : "",
      change: changed.length === 1 ? (after[changed[0]] ? "on" : "off") : "many",
      role: value("role", after.role),
      group: typeof groupId === "string" ? isolate(groupName(groupId)) : "",
      grouped: typeof groupId === "string" && groupId ? "yes" : "no",
      account: isolate(text(event.action === "user.transfer.in" ? before.accountName : after.accountName) || text(after.name)),
      // Bulk jobs (lib/users/bulk-job.ts): how many users, and which operation.
      total: typeof after.total === "number" ? after.total : 0,
      changed: typeof after.changed === "number" ? after.changed : 0,
      operation: value("operation", after.operation),
    };
    const sentence = isAuditAction(event.action)
      ? tr(`audit.sentences.${auditMessageKey(event.action)}`, values)
      : tr("audit.sentences.unknown", { ...values, action: event.action });
    return {
      id: event.id,
      action: event.action,
      sentence,
      actorName,
      targetName: event.targetType === "user" ? target : undefined,
      changes: changesOf(event),
      clientAddress: typeof after.ip === "string" && after.ip ? after.ip : undefined,
      createdAt: event.createdAt,
    };
  });
}
