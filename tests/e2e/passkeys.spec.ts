// Passkeys in Chromium, with its virtual authenticator (DevTools protocol, WebAuthn domain): add
// one on Profile › Security, then sign in with the password and the passkey as the second step.
// WebAuthn needs a secure context and refuses IP addresses as relying party IDs, so this spec runs
// an app of its own whose address (and APP_URL) is http://localhost:<port>, on the shared database
// (the fixtures' account lives there). http://localhost is a secure context; 127.0.0.1 is not a
// valid RP ID.
import type { CDPSession, Page } from "@playwright/test";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { expect, expectAccessible, submitSignIn, test } from "./fixtures";

let app: AppInstance;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  app = await startAppInstance({}, { databaseUrl: process.env.E2E_DATABASE_URL!, host: "localhost" });
});
test.afterAll(async () => app?.stop());
// Pages talk to this spec's app (unset while beforeAll starts it).
test.use({ baseURL: async ({}, use) => use(app?.base) });

/** A platform authenticator in this page's browser that verifies the user (as a fingerprint would). */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

test("add a passkey on Profile › Security, then sign in with it as the second step", async ({ page, account, db }) => {
  const member = account.users.MEMBER;
  await submitSignIn(page, member.email);
  await expect(page).toHaveURL(`${app.base}/`);
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);

  await page.goto("/profile/security");
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByText("You haven't added a passkey yet.")).toBeVisible();
  // Refused at the field before the browser is asked for anything.
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("textbox", { name: "Name", exact: true })).toHaveAccessibleDescription(/This field is required\./);
  await passkeys.getByRole("textbox", { name: "Name", exact: true }).fill("Laptop");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("status").filter({ hasText: "Passkey “Laptop” added." })).toBeVisible();
  const list = passkeys.getByRole("list", { name: "Your passkeys" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem").first()).toContainText("Laptop");
  await expect(list.getByRole("listitem").first()).toContainText("Never");
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
  expect(await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { twoStepEnabled: true } })).toEqual({ twoStepEnabled: true });
  await expectAccessible(page);

  // Sign out, then in: the password, then the passkey.
  await page.getByText(`${member.firstName} Tester`).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${app.base}/sign-in`);
  await submitSignIn(page, member.email);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  const usePasskey = page.getByRole("button", { name: "Use a passkey" });
  await expect(usePasskey).toBeVisible();
  await expectAccessible(page);
  await usePasskey.click();
  await expect(page).toHaveURL(`${app.base}/`);
  const [passkey] = await db.passkey.findMany({ where: { userId: member.id } });
  expect(passkey.name).toBe("Laptop");
  expect(passkey.lastUsedAt).not.toBeNull();

  // The list shows when it was last used; removing it (confirmed) turns two-step off.
  await page.goto("/profile/security");
  await expect(list.getByRole("listitem").first()).not.toContainText("Never");
  await list.getByRole("button", { name: "Remove" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove the passkey “Laptop”?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Remove passkey" }).click();
  await expect(passkeys.getByText("You haven't added a passkey yet.")).toBeVisible();
  expect(await db.user.findUniqueOrThrow({ where: { id: member.id }, select: { twoStepEnabled: true } })).toEqual({ twoStepEnabled: false });
});
