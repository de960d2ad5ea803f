// `npm run db:migrate`: applies prisma/migrations and installs the job queue's schema on DATABASE_URL.
import { migrateDatabase } from "@/lib/db/migrate";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set (npm start migrates the embedded database by itself).");
  process.exit(1);
}
await migrateDatabase(process.env.DATABASE_URL);
console.log("Database migrated and job queue installed.");
