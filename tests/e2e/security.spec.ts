import { expect, expectAccessible, PASSWORD, submitSignIn, test } from "./fixtures";

test("pages carry a nonce-based Content-Security-Policy and the other security headers", async ({ page, account, signIn }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(account.users.ADMIN.email);
  const response = await page.goto("/people/users");
  const headers = response!.headers();
  const policy = headers["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  // Forms post to this origin only; single sign-on goes to the provider through a page of its own (/sso/go).
  expect(policy).toMatch(/form-action 'self'(;|$)/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toBeUndefined(); // served over plain HTTP here

  // Every script tag the server sent carries this response's nonce (the chunks those scripts load
  // later are trusted through 'strict-dynamic'), and the page works (hydrated, below).
  const scriptTags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  // Injected markup's inline handler doesn't run (what an XSS would try); the image itself loads and fails.
  const failed = page.waitForResponse((r) => r.url().endsWith("/no-such-image.png"));
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true" alt="">';
    document.body.append(div);
  });
  await failed;
  await expect.poll(() => violations.some((v) => /inline event handler|script-src/i.test(v))).toBe(true);
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
  await page.getByLabel("Search users").fill("Ada");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=Ada/);
  await expectAccessible(page);
  expect(violations).toHaveLength(1); // the injected handler's, nothing of the app's own
});

test("session cookies are HttpOnly and SameSite=Lax", async ({ page, context, account, signIn }) => {
  await signIn(account.users.MEMBER.email);
  const session = (await context.cookies()).find((c) => c.name === "central-admin.session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("central-admin.session");
});

test("a server action sent with a foreign or null Origin is refused and changes nothing", async ({ page, db, account, signIn }) => {
  await signIn(account.users.ADMIN.email);
  await page.goto("/people/groups");
  const groups = () => db.userGroup.count({ where: { accountId: account.id } });
  const before = await groups();

  for (const origin of ["https://evil.example", "null"]) {
    // The same request the page sends, with the Origin another site (or a sandboxed frame) would give it.
    await page.route("**/people/groups", async (route) => {
      const response = await route.fetch({ headers: { ...route.request().headers(), origin } });
      await route.fulfill({ response });
    });
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByLabel("Group name").fill(`Forged ${origin}`);
    await page.getByRole("button", { name: "Create group" }).click();
    expect((await refused).status()).toBe(403);
    await page.unroute("**/people/groups");
    expect(await groups()).toBe(before);
    await page.goto("/people/groups");
  }

  // Unaltered, the same action goes through.
  await page.getByLabel("Group name").fill("Genuine");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("status")).toHaveText("The group “Genuine” was created.");
  expect(await groups()).toBe(before + 1);
});

test("changing your password signs you out everywhere; the new password works", async ({ page, browser, account, signIn }) => {
  const member = account.users.MEMBER;
  const elsewhere = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await elsewhere.newPage();
  await submitSignIn(other, member.email);
  await expect(other).toHaveURL("/");

  await signIn(member.email);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expectAccessible(page);

  // A wrong current password: the message at the field, nothing changed.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("my new passphrase 42");
  await page.getByLabel("Confirm new password").fill("my new passphrase 42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is incorrect.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("my new passphrase 42");
  await page.getByLabel("Confirm new password").fill("my new passphrase 42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL("/sign-in?notice=passwordChanged");
  await expect(page.getByRole("status")).toHaveText(/Your password was changed/);
  await expectAccessible(page);

  // The other browser's session ended too.
  await other.goto("/profile");
  await expect(other).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill("my new passphrase 42");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/");
});

test("the proxy skips /api/health only, not every path that starts with it", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(health.headers()["content-security-policy"]).toBeUndefined();
  const healthz = await request.get("/api/healthz");
  expect(healthz.status()).toBe(404);
  expect(healthz.headers()["content-security-policy"]).toContain("'nonce-");
  expect((await request.get("/api/health/anything")).headers()["content-security-policy"]).toContain("'nonce-");
});
