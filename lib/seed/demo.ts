import type { Db } from "@/lib/db/client";
import { createAccount, type SeedUser } from "@/lib/seed/accounts";

export const DEMO_PASSWORD = "central-admin-demo";
export const DEMO_LOGINS = {
  ACCOUNT_HOLDER: "holder@acme.example",
  ADMIN: "admin@acme.example",
  SUPPORT_STAFF: "support@acme.example",
  MEMBER: "member01@acme.example",
} as const;

const FIRST = ["Ada", "Bruno", "Chloé", "Dario", "Eva", "Farid", "Greta", "Hugo", "Inès", "Jan",
  "Kim", "Lucía", "Marco", "Nina", "Oskar", "Paula", "Quentin", "Rosa", "Sven", "Tiago"];
const LAST = ["Lovelace", "Rossi", "Martin", "Bianchi", "Müller", "Haddad", "Jansen", "Dubois", "García", "de Vries",
  "Park", "Fernández", "Conti", "Schmidt", "Berg", "Silva", "Laurent", "Moreno", "Andersen", "Costa"];
const GROUPS = ["Helpdesk", "Field technicians", "Management"];
const LOCALES = ["en", "fr", "it", "de", "es", "pt", "nl"] as const;

function members(): SeedUser[] {
  return FIRST.map((firstName, i) => ({
    email: `member${String(i + 1).padStart(2, "0")}@acme.example`,
    firstName,
    lastName: LAST[i],
    locale: LOCALES[i % LOCALES.length],
    group: GROUPS[i % 2],
    status: i >= 17 ? "INVITED" : i === 16 ? "SUSPENDED" : "ACTIVE",
    products: i < 12 ? (i < 6 ? ["central", "remote-support"] : ["central"]) : [],
  }));
}

/** One invoice a month for the last 12 months: the latest open, the one before it overdue, the rest paid. */
function invoices(accountId: string, now = new Date()) {
  return Array.from({ length: 12 }, (_, i) => {
    const issuedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1, 9));
    return {
      accountId,
      number: `INV-${issuedAt.getUTCFullYear()}-${String(issuedAt.getUTCMonth() + 1).padStart(3, "0")}`,
      issuedAt,
      amountCents: 112_450 + 1_875 * i,
      currency: "EUR",
      status: i === 11 ? ("OPEN" as const) : i === 10 ? ("OVERDUE" as const) : ("PAID" as const),
    };
  });
}

/** Seeds the demo account "Acme IT" when the database has no account yet. Returns whether it did. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await db.account.count()) > 0) return false;
  try {
    await seedDemo(db);
    return true;
  } catch (error) {
    // Several replicas starting on an empty database: one seeds, the others find its users.
    if ((error as { code?: string }).code === "P2002" && (await db.account.count()) > 0) return false;
    throw error;
  }
}

async function seedDemo(db: Db) {
  const { account } = await createAccount(db, {
    name: "Acme IT",
    password: DEMO_PASSWORD,
    groups: GROUPS,
    seats: { central: 25, "remote-support": 10 },
    users: [
      { email: DEMO_LOGINS.ACCOUNT_HOLDER, firstName: "Alex", lastName: "Holder", role: "ACCOUNT_HOLDER",
        group: "Management", timeZone: "Europe/Paris", products: ["central"] },
      { email: DEMO_LOGINS.ADMIN, firstName: "Sam", lastName: "Admin", role: "ADMIN",
        group: "Management", timeZone: "Europe/Amsterdam", products: ["central", "remote-support"] },
      { email: DEMO_LOGINS.SUPPORT_STAFF, firstName: "Pat", lastName: "Support", role: "SUPPORT_STAFF",
        group: "Helpdesk", timeZone: "Europe/Berlin" },
      ...members(),
    ],
  });
  await db.invoice.createMany({ data: invoices(account.id) });
}
