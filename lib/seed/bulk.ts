import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole, Locale, UserStatus } from "@/lib/generated/prisma/enums";
import { ensureProducts } from "@/lib/seed/accounts";
import { userKeys } from "@/lib/users/search-key";

// Bulk users for load tests and benchmarks (`npm run seed:bulk`): realistic enough for the users
// list's filters, search and sorts — accented names, many name ties, several roles and statuses,
// groups, a licence on one user in ten, sign-up dates over two years with exact ties — and fast:
// multi-row INSERT … SELECT FROM unnest(arrays), thousands of rows per statement, one transaction.

const FIRST_NAMES = [
  "Ada", "Adrián", "Agnieszka", "Aino", "Akira", "Alejandro", "Amélie", "Ana", "Anders", "Andrea",
  "Aoife", "Ayşe", "Bartosz", "Beatriz", "Benoît", "Björn", "Bruno", "Camille", "Carlos", "Céline",
  "Chloé", "Chiara", "Dario", "Dagny", "Élodie", "Emil", "Emma", "Eva", "Farid", "Fatima",
  "François", "Freya", "Gaël", "Giulia", "Greta", "Hana", "Hélène", "Hugo", "Ines", "Inès",
  "Ivan", "Jakub", "Jan", "Jérôme", "Joana", "João", "José", "Jürgen", "Karin", "Kim",
  "Lars", "Léa", "Lena", "Lucía", "Luca", "Łukasz", "Maëlle", "Marco", "María", "Mateus",
  "Mehmet", "Mia", "Nadia", "Nina", "Noé", "Oskar", "Paula", "Pedro", "Quentin", "Rafael",
  "Renée", "Rosa", "Søren", "Sofia", "Stéphane", "Sven", "Thérèse", "Tiago", "Tomás", "Yusuf",
  "Zoë", "Zoé", "Zofia", "Örjan",
];

const LAST_NAMES = [
  "Álvarez", "Andersen", "Bauer", "Berg", "Bianchi", "Blanc", "Brandão", "Castro", "Çelik", "Conti",
  "Costa", "Dąbrowski", "de Jong", "de Vries", "Dubois", "Dupont", "Eriksson", "Esposito", "Fernández", "Ferrari",
  "Fischer", "García", "Gómez", "Gonçalves", "Haddad", "Hansen", "Hoffmann", "Jansen", "Jiménez", "Kowalski",
  "Król", "Laurent", "Lefèvre", "Lindqvist", "López", "Lovelace", "Martin", "Martínez", "Mendes", "Moreau",
  "Moreno", "Müller", "Nowak", "Núñez", "Nuñez", "O'Brien", "Øberg", "Ørsted", "Park", "Pereira",
  "Petit", "Ricci", "Rodríguez", "Romano", "Rossi", "Sánchez", "Santos", "Schmidt", "Schneider", "Schröder",
  "Silva", "Sørensen", "Tanaka", "Teixeira", "van Dijk", "van den Berg", "Visser", "Wagner", "Weiß", "Wiśniewski",
  "Yılmaz", "Zieliński", "Żak", "Åberg", "Ødegård", "Mäkinen", "Virtanen", "Ó Súilleabháin", "Le Gall", "Perrin",
];

const GROUPS = ["Helpdesk", "Field technicians", "Management"];
const LOCALES: Locale[] = ["en", "fr", "it", "de", "es", "pt", "nl"];
const TIME_ZONES = ["UTC", "Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Lisbon",
  "Europe/Amsterdam", "Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Tokyo", "Australia/Sydney"];

/** Cumulative weights: mostly members and active users; never ACCOUNT_HOLDER. */
const ROLES: [AccountRole, number][] = [["MEMBER", 0.9], ["SUPPORT_STAFF", 0.97], ["ADMIN", 1]];
const STATUSES: [UserStatus, number][] = [["ACTIVE", 0.8], ["INVITED", 0.9], ["SUSPENDED", 0.96], ["TRANSFER_PENDING", 1]];

const DEFAULT_BATCH = 5000;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

export interface SeedBulkOptions {
  accountId: string;
  /** How many users to add. */
  users: number;
  /** Rows per INSERT statement (default 5,000). */
  batchSize?: number;
  /** Seed of the pseudo-random choices; the same seed gives the same names, roles, dates… */
  seed?: number;
  /** "Now" for the sign-up dates (default: the current time). */
  now?: Date;
}

export interface SeedBulkResult {
  inserted: number;
  /** Users given a licence of the account's "central" subscription. */
  assigned: number;
  ms: number;
}

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const weighted = <T>(rnd: () => number, table: [T, number][]): T => {
  const x = rnd();
  return (table.find(([, upTo]) => x < upTo) ?? table[table.length - 1])[0];
};

/** "Ørsted" → "orsted", "O'Brien" → "obrien", "van den Berg" → "vandenberg": an email local part. */
function emailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[øœæßłđı]/g, (c) => ({ ø: "o", œ: "oe", æ: "ae", ß: "ss", ł: "l", đ: "d", ı: "i" })[c] ?? "")
    .replace(/[^a-z0-9]/g, "");
}

/** Timestamps as PostgreSQL `timestamp(3)` text, in UTC like Prisma stores them. */
const sqlTimestamp = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");

const INSERT_USERS = `
  INSERT INTO "User" (id, "accountId", email, "firstName", "lastName", role, status, locale, "timeZone", "groupId",
    "passwordHash", "sessionVersion", "unattendedAccess", "fileManagement", "remoteControl", "nameKey", "searchText",
    "createdAt", "updatedAt")
  SELECT u.id, $1::uuid, u.email, u.first, u.last, u.role, u.status, u.locale, u.tz, u.gid,
    NULL, 0, u.ua, u.fm, u.rc, u.nk, u.st, u.ca, u.ca
  FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::"AccountRole"[], $7::"UserStatus"[], $8::"Locale"[],
    $9::text[], $10::uuid[], $11::boolean[], $12::boolean[], $13::boolean[], $14::text[], $15::text[], $16::timestamp(3)[])
    AS u(id, email, first, last, role, status, locale, tz, gid, ua, fm, rc, nk, st, ca)`;

const INSERT_ASSIGNMENTS = `
  INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
  SELECT gen_random_uuid(), $1::uuid, $2::uuid, a.uid, a.ca
  FROM unnest($3::uuid[], $4::timestamp(3)[]) AS a(uid, ca)`;

/** The account's groups, creating the demo's three when it has none. */
async function groupsOf(tx: Tx, accountId: string): Promise<string[]> {
  const existing = await tx.userGroup.findMany({ where: { accountId }, select: { id: true } });
  if (existing.length > 0) return existing.map((g) => g.id);
  const created = [];
  for (const name of GROUPS) created.push(await tx.userGroup.create({ data: { accountId, name }, select: { id: true } }));
  return created.map((g) => g.id);
}

/** The account's "central" subscription, created with no seats when it has none. */
async function centralSubscription(tx: Tx, accountId: string, centralProductId: string): Promise<string> {
  const found = await tx.subscription.findFirst({ where: { accountId, productId: centralProductId }, select: { id: true } });
  if (found) return found.id;
  const renewsAt = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1));
  const sub = await tx.subscription.create({
    data: { accountId, productId: centralProductId, seatsPurchased: 0, renewsAt },
    select: { id: true },
  });
  return sub.id;
}

/**
 * Adds `users` members to an account in one transaction and returns how many were inserted and
 * how long it took. Emails are `first.last.<n>.<run tag>@bulk.example`, so runs never collide;
 * password hashes are null (bulk users cannot sign in). The "central" subscription's seats are
 * raised if needed so that assigned ≤ purchased.
 */
export async function seedBulkUsers(db: Db, options: SeedBulkOptions): Promise<SeedBulkResult> {
  const { accountId, users } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const rnd = random(options.seed ?? crypto.randomInt(2 ** 31));
  const tag = crypto.randomBytes(3).toString("hex");
  const now = (options.now ?? new Date()).getTime();
  const started = performance.now();
  let assigned = 0;
  const central = (await ensureProducts(db)).find((p) => p.code === "central");
  if (!central) throw new Error("The central product is missing");

  await db.$transaction(
    async (tx) => {
      const groups = await groupsOf(tx, accountId);
      const subscriptionId = await centralSubscription(tx, accountId, central.id);
      let createdAt = now;
      for (let start = 0; start < users; start += batchSize) {
        const n = Math.min(batchSize, users - start);
        const cols = {
          id: [] as string[], email: [] as string[], first: [] as string[], last: [] as string[],
          role: [] as string[], status: [] as string[], locale: [] as string[], tz: [] as string[],
          gid: [] as (string | null)[], ua: [] as boolean[], fm: [] as boolean[], rc: [] as boolean[],
          nk: [] as string[], st: [] as string[], ca: [] as string[],
        };
        const licensed: string[] = [];
        const licensedAt: string[] = [];
        for (let i = 0; i < n; i++) {
          const number = start + i + 1;
          const firstName = pick(rnd, FIRST_NAMES);
          const lastName = pick(rnd, LAST_NAMES);
          const email = `${emailPart(firstName)}.${emailPart(lastName)}.${number}.${tag}@bulk.example`;
          const id = crypto.randomUUID();
          // One user in eight signed up at exactly the same moment as the previous one (an import).
          if (i === 0 || rnd() >= 0.125) createdAt = now - Math.floor(rnd() * TWO_YEARS_MS);
          const keys = userKeys({ firstName, lastName, email });
          cols.id.push(id);
          cols.email.push(email);
          cols.first.push(firstName);
          cols.last.push(lastName);
          cols.role.push(weighted(rnd, ROLES));
          cols.status.push(weighted(rnd, STATUSES));
          cols.locale.push(pick(rnd, LOCALES));
          cols.tz.push(pick(rnd, TIME_ZONES));
          cols.gid.push(rnd() < 0.6 ? pick(rnd, groups) : null);
          cols.ua.push(rnd() < 0.85);
          cols.fm.push(rnd() < 0.8);
          cols.rc.push(rnd() < 0.9);
          cols.nk.push(keys.nameKey);
          cols.st.push(keys.searchText);
          cols.ca.push(sqlTimestamp(createdAt));
          if (rnd() < 0.1) {
            licensed.push(id);
            licensedAt.push(sqlTimestamp(Math.min(now, createdAt + Math.floor(rnd() * 30 * 24 * 3600 * 1000))));
          }
        }
        await tx.$executeRawUnsafe(INSERT_USERS, accountId, cols.id, cols.email, cols.first, cols.last, cols.role,
          cols.status, cols.locale, cols.tz, cols.gid, cols.ua, cols.fm, cols.rc, cols.nk, cols.st, cols.ca);
        if (licensed.length > 0) {
          // Buy the seats first: the CHECK on seatsUsed refuses any assignment past them.
          await tx.$executeRawUnsafe(
            `UPDATE "Subscription" SET "seatsPurchased" = GREATEST("seatsPurchased", "seatsUsed" + $2) WHERE id = $1::uuid`,
            subscriptionId,
            licensed.length,
          );
          await tx.$executeRawUnsafe(INSERT_ASSIGNMENTS, accountId, subscriptionId, licensed, licensedAt);
        }
        assigned += licensed.length;
      }
    },
    { maxWait: 30_000, timeout: 30 * 60_000 },
  );
  return { inserted: users, assigned, ms: Math.round(performance.now() - started) };
}
