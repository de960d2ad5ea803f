-- Database objects schema.prisma cannot express. Applied after every `prisma migrate deploy` by
-- lib/db/migrate.ts (so it must stay idempotent), and by the drift check to the database it builds
-- from schema.prisma. (Not a migration file: the Prisma migration runner splits on semicolons and
-- cannot hold a function body.)

-- No path can over-assign: the counter kept by the triggers below must stay within the seats bought.
ALTER TABLE "Subscription" DROP CONSTRAINT IF EXISTS "Subscription_seatsUsed_check";
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_seatsUsed_check"
  CHECK ("seatsUsed" >= 0 AND "seatsUsed" <= "seatsPurchased");

-- One UPDATE per statement (transition tables), so assigning 1,000 users updates the row once.
CREATE OR REPLACE FUNCTION "licence_assignment_count_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Subscription" s SET "seatsUsed" = s."seatsUsed" + n.count
      FROM (SELECT "subscriptionId", count(*)::int AS count FROM inserted GROUP BY 1) n WHERE s.id = n."subscriptionId";
  ELSE
    UPDATE "Subscription" s SET "seatsUsed" = s."seatsUsed" - n.count
      FROM (SELECT "subscriptionId", count(*)::int AS count FROM deleted GROUP BY 1) n WHERE s.id = n."subscriptionId";
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER "licence_assignment_seats_insert" AFTER INSERT ON "LicenceAssignment"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "licence_assignment_count_seats"();
CREATE OR REPLACE TRIGGER "licence_assignment_seats_delete" AFTER DELETE ON "LicenceAssignment"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "licence_assignment_count_seats"();
