-- An account's user counts (total, per status, role, group, second factor) without counting its
-- users: every statement that inserts, updates or deletes users appends what it changed to
-- "UserCountDelta", and the count for a key is the sum of its rows (lib/users/counts.ts), folded
-- together now and then. Appending never waits on another writer: a single counter row per key
-- would queue every user write of an account behind it and deadlock two transactions that touch
-- two keys in opposite orders (decision 0028).

-- The keys a user row counts under.
CREATE OR REPLACE FUNCTION "user_count_keys"(status "UserStatus", role "AccountRole", "groupId" uuid, "twoStepEnabled" boolean)
  RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['all', 'status:' || status, 'role:' || role, 'group:' || coalesce("groupId"::text, 'none'), 'twoStep:' || CASE WHEN "twoStepEnabled" THEN 'on' ELSE 'off' END]
$$;

-- One INSERT per statement (transition tables): +1 for each new row's keys, -1 for each old row's,
-- summed per key, only the keys that changed. An update of other columns appends nothing.
CREATE OR REPLACE FUNCTION "user_count_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "UserCountDelta" ("accountId", key, delta)
      SELECT n."accountId", k.key, count(*) FROM new_rows n,
        unnest("user_count_keys"(n.status, n.role, n."groupId", n."twoStepEnabled")) AS k(key)
      GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "UserCountDelta" ("accountId", key, delta)
      SELECT o."accountId", k.key, -count(*) FROM old_rows o,
        unnest("user_count_keys"(o.status, o.role, o."groupId", o."twoStepEnabled")) AS k(key)
      GROUP BY 1, 2;
  ELSE
    INSERT INTO "UserCountDelta" ("accountId", key, delta)
      SELECT c."accountId", c.key, sum(c.d) FROM (
        SELECT n."accountId", k.key, 1 AS d FROM new_rows n,
          unnest("user_count_keys"(n.status, n.role, n."groupId", n."twoStepEnabled")) AS k(key)
        UNION ALL
        SELECT o."accountId", k.key, -1 FROM old_rows o,
          unnest("user_count_keys"(o.status, o.role, o."groupId", o."twoStepEnabled")) AS k(key)
      ) c GROUP BY 1, 2 HAVING sum(c.d) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER "user_counts_insert" AFTER INSERT ON "User"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_count_deltas"();
CREATE OR REPLACE TRIGGER "user_counts_update" AFTER UPDATE ON "User"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_count_deltas"();
CREATE OR REPLACE TRIGGER "user_counts_delete" AFTER DELETE ON "User"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_count_deltas"();

-- "No group" in name order (the other sorts find its users through it when they are few). Partial
-- indexes can't be written in schema.prisma.
CREATE INDEX IF NOT EXISTS "User_accountId_nameKey_id_no_group_idx" ON "User" ("accountId", "nameKey", id) WHERE "groupId" IS NULL;
