import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import type { AccountRole, Locale, UserStatus } from "@/lib/generated/prisma/enums";
import { ensureProducts } from "@/lib/seed/accounts";
import { foldText, userKeys } from "@/lib/users/search-key";

// Bulk users for load tests and benchmarks (`npm run seed:bulk`): realistic enough for the users
// list's filters, search and sorts — accented names, many name ties, several roles and statuses,
// groups, a licence on one user in ten, sign-up dates over two years with exact ties — and fast:
// the database makes the rows itself from generate_series (nothing crosses the wire but the name
// lists) into a temporary table, then copies them into "User" in a few large statements, in one
// transaction. At large sizes it drops the table's secondary indexes and builds them again after.

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

const DEFAULT_BATCH = 250_000;
/**
 * From this many new users (when they are also at least as many as the rows already in "User"),
 * the secondary indexes are dropped before the insert and built again after it, in the same
 * transaction: sorting 1M rows once per index is several times faster than updating thirteen
 * indexes row by row. The table is locked meanwhile, so this is for load tests, not a live app.
 */
const REBUILD_INDEXES_FROM = 50_000;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

export interface SeedBulkOptions {
  accountId: string;
  /** How many users to add. */
  users: number;
  /** Rows per INSERT into "User" (default 250,000). */
  batchSize?: number;
  /** Seed of the pseudo-random choices; the same seed gives the same names, roles, dates… */
  seed?: number;
  /** "Now" for the sign-up dates (default: the current time). */
  now?: Date;
  /** Drop and rebuild "User"'s secondary indexes around the insert (default: for large seeds, see above). */
  rebuildIndexes?: boolean;
}

export interface SeedBulkResult {
  inserted: number;
  /** Users given a licence of the account's "central" subscription. */
  assigned: number;
  ms: number;
}

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

/** Draw `k` of row `n`: a number in [0, 1) hashed from the seed ($1), the row and the draw. */
const draw = (k: number, n = "n") => `((hashint8extended(${n}, $1::bigint * 32 + ${k}) & 2147483647)::float8 / 2147483648)`;
const weighted = <T extends string>(x: string, table: [T, number][]) =>
  `CASE ${table.slice(0, -1).map(([value, upTo]) => `WHEN ${x} < ${upTo} THEN '${value}'`).join(" ")} ELSE '${table.at(-1)![0]}' END`;
const pick = (array: string, k: number) => `(${array})[1 + floor(${draw(k)} * cardinality(${array}))::int]`;

// $1 seed, $2 users, $3 first names, $4 last names, $5 and $6 their email parts, $7 and $8 their
// folded forms, $9 groups, $10 locales, $11 time zones, $12 run tag, $13 now.
// One user in eight signed up at the moment drawn for the row before: exact ties, as an import makes.
const FILL_STAGING = `
  INSERT INTO bulk_user
  SELECT n, gen_random_uuid(), ($5::text[])[f] || '.' || ($6::text[])[l] || '.' || n || '.' || $12 || '@bulk.example',
    ($3::text[])[f], ($4::text[])[l], ${weighted(draw(7), ROLES)}::"AccountRole", ${weighted(draw(8), STATUSES)}::"UserStatus",
    ${pick("$10::text[]", 9)}::"Locale", ${pick("$11::text[]", 10)},
    CASE WHEN ${draw(5)} < 0.6 THEN ${pick("$9::uuid[]", 6)} END,
    ${draw(11)} < 0.85, ${draw(12)} < 0.8, ${draw(13)} < 0.9, ($7::text[])[f] || ' ' || ($8::text[])[l], ca,
    CASE WHEN ${draw(14)} < 0.1 THEN least($13::timestamp(3), ca + floor(${draw(15)} * ${THIRTY_DAYS_MS}) * interval '1 ms') END
  FROM (
    SELECT n, 1 + floor(${draw(1)} * cardinality($3::text[]))::int AS f, 1 + floor(${draw(2)} * cardinality($4::text[]))::int AS l,
      ($13::timestamp(3) - floor(${draw(4, `CASE WHEN n > 1 AND ${draw(3)} < 0.125 THEN n - 1 ELSE n END`)} * ${TWO_YEARS_MS})
        * interval '1 ms')::timestamp(3) AS ca
    FROM generate_series(1, $2::bigint) AS n
  ) g`;

// Emails are lower-case ASCII already (emailPart), so the email's folded form is itself.
const INSERT_USERS = `
  INSERT INTO "User" (id, "accountId", email, "firstName", "lastName", role, status, locale, "timeZone", "groupId",
    "passwordHash", "sessionVersion", "unattendedAccess", "fileManagement", "remoteControl", "nameKey", "searchText",
    "createdAt", "updatedAt")
  SELECT id, $1::uuid, email, first, last, role, status, locale, tz, gid, NULL, 0, ua, fm, rc, nk, nk || ' ' || email, ca, ca
  FROM bulk_user WHERE n > $2 AND n <= $3 ORDER BY id`;

/** "User"'s indexes that no constraint owns (all but the primary key): name and definition. */
const SECONDARY_INDEXES = `
  SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE i.indrelid = '"User"'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`;

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
  const seed = options.seed ?? crypto.randomInt(2 ** 31);
  const tag = crypto.randomBytes(3).toString("hex");
  const now = sqlTimestamp((options.now ?? new Date()).getTime());
  for (const firstName of FIRST_NAMES) {
    for (const lastName of LAST_NAMES) {
      // The name key is built in SQL from the folded parts: make sure that is what userKeys() gives.
      if (userKeys({ firstName, lastName, email: "" }).nameKey !== `${foldText(firstName)} ${foldText(lastName)}`) {
        throw new Error(`The name key of ${firstName} ${lastName} is not its folded parts`);
      }
    }
  }
  const started = performance.now();
  const central = (await ensureProducts(db)).find((p) => p.code === "central");
  if (!central) throw new Error("The central product is missing");

  const assigned = await db.$transaction(
    async (tx) => {
      const groups = await groupsOf(tx, accountId);
      const subscriptionId = await centralSubscription(tx, accountId, central.id);
      // Room to build the indexes, the trigram one above all, in memory.
      await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '1GB'`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      await tx.$executeRawUnsafe(`
        CREATE TEMP TABLE bulk_user (n bigint, id uuid, email text, first text, last text, role "AccountRole",
          status "UserStatus", locale "Locale", tz text, gid uuid, ua boolean, fm boolean, rc boolean, nk text,
          ca timestamp(3), licensed_at timestamp(3)) ON COMMIT DROP`);
      await tx.$executeRawUnsafe(FILL_STAGING, seed, users, FIRST_NAMES, LAST_NAMES, FIRST_NAMES.map(emailPart),
        LAST_NAMES.map(emailPart), FIRST_NAMES.map(foldText), LAST_NAMES.map(foldText), groups, LOCALES, TIME_ZONES, tag, now);
      const [{ existing }] = await tx.$queryRawUnsafe<{ existing: number }[]>(`SELECT count(*)::int AS existing FROM "User"`);
      const rebuild = options.rebuildIndexes ?? (users >= REBUILD_INDEXES_FROM && users >= existing);
      const indexes = rebuild ? await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(SECONDARY_INDEXES) : [];
      for (const { name } of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      // Each INSERT fires the user count triggers once, for all its rows.
      for (let start = 0; start < users; start += batchSize) {
        await tx.$executeRawUnsafe(INSERT_USERS, accountId, start, Math.min(users, start + batchSize));
      }
      for (const { definition } of indexes) await tx.$executeRawUnsafe(definition);
      const [{ licensed }] = await tx.$queryRawUnsafe<{ licensed: number }[]>(
        `SELECT count(*)::int AS licensed FROM bulk_user WHERE licensed_at IS NOT NULL`,
      );
      // Buy the seats first: the CHECK on seatsUsed refuses any assignment past them.
      await tx.$executeRawUnsafe(
        `UPDATE "Subscription" SET "seatsPurchased" = GREATEST("seatsPurchased", "seatsUsed" + $2) WHERE id = $1::uuid`,
        subscriptionId,
        licensed,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "LicenceAssignment" (id, "accountId", "subscriptionId", "userId", "createdAt")
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, id, licensed_at FROM bulk_user WHERE licensed_at IS NOT NULL ORDER BY id`,
        accountId,
        subscriptionId,
      );
      return licensed;
    },
    { maxWait: 30_000, timeout: 30 * 60_000 },
  );
  return { inserted: users, assigned, ms: Math.round(performance.now() - started) };
}
