// `npm run account:create -- --name "Acme IT" --holder holder@acme.example [--first-name Ada]
// [--last-name Lovelace] [--locale fr]`: a new account on DATABASE_URL with an invited account
// holder; prints the invitation link (to this terminal only: the queued welcome email carries it
// to the holder once a worker or the app delivers it). Migrates the database first.
import { parseArgs } from "node:util";
import { UserFacingError } from "@/lib/actions/errors";
import { disconnectDb, getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createTranslator } from "use-intl/core";
import { MESSAGES } from "@/lib/i18n/catalogues";
import { createInvitedAccount } from "@/lib/setup/account-create";
import { publicAppUrl } from "@/lib/setup/data-dir";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { accountCreateSchema } from "@/lib/validation/setup";

const usage = 'Usage: npm run account:create -- --name "Acme IT" --holder holder@acme.example [--first-name Ada] [--last-name Lovelace] [--locale en|fr|it|de|es|pt|nl]';
// use-intl's core, not next-intl's (lib/i18n/messages.ts): next-intl loads React's client hooks,
// which this process' react-server condition doesn't have.
const t = createTranslator({ locale: "en", messages: MESSAGES.en });

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: "string" },
      holder: { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
      locale: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const parsed = accountCreateSchema.safeParse({
  name: values.name,
  holder: values.holder,
  firstName: values["first-name"],
  lastName: values["last-name"],
  locale: values.locale,
});
if (!parsed.success) {
  const option = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const problems = Object.entries(fieldErrorsOf(parsed.error, t)).map(([field, messages]) => `${option(field)}: ${messages.join(" ")}`);
  fail(`${problems.join("\n")}\n${usage}`);
}
if (!process.env.DATABASE_URL) {
  fail(`DATABASE_URL is not set: point it at the app's database, e.g.
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/central_admin npm run account:create -- …
For the embedded database of \`npm start\`, start it with a fixed port (it listens on a random one
otherwise), e.g. EMBEDDED_DB_PORT=55432 npm start, then in another terminal
  DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:55432/postgres?sslmode=disable npm run account:create -- …`);
}
// Links point at the app's public address, as npm start's do: APP_URL, else its default address.
process.env.APP_URL = publicAppUrl();

try {
  await migrateDatabase(process.env.DATABASE_URL, { quiet: true });
  const created = await createInvitedAccount(getDb(), parsed.data);
  console.log(`Created the account “${created.account.name}” with the invited account holder ${created.holder.email}.
Invitation link (valid until ${created.expiresAt.toISOString()}; a welcome email with it is queued too):
  ${created.invitationUrl}`);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof UserFacingError ? t(error.messageKey as "errors.forbidden", error.values) : error);
} finally {
  await disconnectDb();
}
