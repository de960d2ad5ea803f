// The product catalogue is created on first use; accounts created at the same moment on an empty
// database (the first run's setup racing account:create, parallel end-to-end fixtures) must not
// trip over each other creating it.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount, ensureProducts, PRODUCTS } from "@/lib/seed/accounts";

describe("the product catalogue", () => {
  it("is created once however many callers race on an empty database", async () => {
    expect(await getDb().product.count()).toBe(0);
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureProducts(getDb())));
    for (const products of results) expect(products.map((p) => p.code)).toEqual(PRODUCTS.map((p) => p.code));
    expect(await getDb().product.count()).toBe(PRODUCTS.length);
  });

  it("lets accounts be created at the same moment", async () => {
    await getDb().subscription.deleteMany();
    await getDb().product.deleteMany();
    const accounts = await Promise.all(
      [1, 2, 3, 4].map((i) => createAccount(getDb(), { name: `Race ${i}`, password: "race password 123", seats: { central: 1 }, users: [{ email: `race${i}@products.example`, firstName: "Ray" }] })),
    );
    expect(accounts).toHaveLength(4);
    expect(await getDb().product.count()).toBe(PRODUCTS.length);
  });
});
