// The layout suite: every page, and every dialog and menu that opens, at a phone (390×844), a tablet
// (768×1024) and a desktop (1440×900), in English and German, with an account of long names
// (issue 16) and strings without a break opportunity: a path, escaped markup, a URL (issue 20;
// tests/e2e/unbreakable-text.spec.ts adds 1280 px). A page fails when the document is wider than
// the viewport or a visible control lies outside it horizontally (tests/e2e/support/layout.ts), and axe (no serious or critical violation)
// runs on every page and open dialog in the light and the dark theme: in English, dark on the phone,
// light on the tablet and the desktop (a theme changes colours, not the page; German changes widths,
// which the layout check covers). Each state is checked once per theme: axe is what takes the time.
// Fast on purpose: one browser page per test loops over everything and collects the failures, which
// are asserted once at the end, so one report lists all of them.
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createLongNameAccount, layoutProblems, LONG, signedInPages } from "./support/layout";

type Catalogue = typeof import("../../messages/en.json");
const catalogue = (locale: string) => JSON.parse(fs.readFileSync(`messages/${locale}.json`, "utf8")) as Catalogue;
const CATALOGUES = { en: catalogue("en"), de: catalogue("de") };
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 768, height: 1024 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
/** Below Tailwind's `lg` breakpoint the navigation is a drawer behind a menu button. */
const DRAWER_BELOW = 1024;
/** A step's own budget: a state that doesn't arrive in this time is a failure of that step, not of the run. */
const STEP_TIMEOUT = 15_000;

/** How long a dialog or menu may take to close. */
const CLOSE_TIMEOUT = 5_000;

test.describe.configure({ mode: "parallel", timeout: 600_000 });

/** The theme of each viewport's English run, where axe runs: dark by the theme cookie, light by the system's. */
const AXE_THEME = { phone: "dark", tablet: "light", desktop: "light" } as const;

/** axe on the page as it is: no serious or critical violation. */
async function axeProblems(page: Page, theme: "light" | "dark"): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `axe (${theme}) ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).slice(0, 4).join(", ")})`);
}

async function signInAs(page: Page, t: Catalogue, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel(t.signIn.email).fill(email);
  await page.getByLabel(t.signIn.password, { exact: true }).fill("e2e password 123");
  await page.getByRole("button", { name: t.signIn.submit }).click();
}

for (const viewport of VIEWPORTS) {
  for (const locale of ["en", "de"] as const) {
    test(`${viewport.name} ${viewport.width}×${viewport.height}, ${locale}: no page or open dialog is wider than the screen, and axe passes`, async ({ browser, db, baseURL }) => {
      const t = CATALOGUES[locale];
      const data = await createLongNameAccount(db, locale);
      const unbreakable = await db.user.findFirstOrThrow({ where: { accountId: data.accountId, firstName: LONG.unbreakable } });
      const axeTheme = locale === "en" ? AXE_THEME[viewport.name] : null;
      const context = await browser.newContext({ baseURL, viewport, locale: locale === "de" ? "de-DE" : "en-US", colorScheme: "light" });
      const darkCookie = { name: "theme", value: "dark", url: baseURL! };
      if (axeTheme === "dark") await context.addCookies([darkCookie]);
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT);
      const failures: string[] = [];

      /** The layout (and axe) checks of what is on screen now. */
      const check = async (where: string) => {
        for (const problem of await layoutProblems(page)) failures.push(`${where}: ${problem}`);
        if (axeTheme) for (const problem of await axeProblems(page, axeTheme)) failures.push(`${where}: ${problem}`);
      };
      /** A step that fails is recorded and the run goes on. */
      const step = async (where: string, body: () => Promise<void>) => {
        try {
          await body();
        } catch (error) {
          failures.push(`${where}: ${(error as Error).message.split("\n")[0]}`);
        }
      };
      const visit = async (path: string, expectedStatus = 200) => {
        const response = await page.goto(path);
        if (response?.status() !== expectedStatus) failures.push(`${path}: status ${response?.status()} (expected ${expectedStatus})`);
        await expect(page).toHaveTitle(/\S/); // Next streams the metadata
        if (axeTheme === "dark") await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
      };
      /** Opens a dialog (or menu) with `open`, checks it, and closes it with Escape. */
      const dialog = async (where: string, open: () => Promise<void>, opened: Locator) => {
        await step(where, async () => {
          await page.waitForLoadState("networkidle"); // hydrated: a button that opens a dialog works from then on
          await open();
          await expect(opened).toBeVisible();
          await check(where);
          await page.keyboard.press("Escape");
          await expect(opened).toBeHidden({ timeout: CLOSE_TIMEOUT });
        });
      };

      // Signed out: sign-in, forgot password, a reset link, an invitation, the first run (a 404 once
      // an account exists, as here), a page that doesn't exist, and the second step of a sign-in.
      for (const [path, status] of [["/sign-in", 200], ["/forgot-password", 200], [data.resetPath, 200], [data.invitationPath, 200], ["/setup?token=x", 404], ["/no-such-page", 404]] as const) {
        await step(path, async () => {
          await visit(path, status);
          await check(path);
        });
      }
      await step("/sign-in/verify", async () => {
        await signInAs(page, t, data.twoStep.email);
        await expect(page).toHaveURL(/\/sign-in\/verify$/);
        await check("/sign-in/verify");
        await visit("/sign-in/verify?method=recoveryCode");
        await check("/sign-in/verify?method=recoveryCode");
      });
      await context.clearCookies();
      if (axeTheme === "dark") await context.addCookies([darkCookie]);

      // Signed in as the account holder (who sees every page), with a passkey of a long name.
      await signInAs(page, t, data.holder.email);
      await expect(page).toHaveURL(`${baseURL}/`);
      await db.passkey.create({ data: { userId: data.holder.id, credentialId: `layout-holder-${data.holder.id}`, publicKey: Buffer.from([1]), name: LONG.passkey } });
      for (const path of signedInPages(data, unbreakable.id, locale)) {
        await step(path, async () => {
          await visit(path, path === "/this-page-does-not-exist" ? 404 : 200);
          await check(path);
        });
      }

      // Dialogs and menus.
      await step("/", () => visit("/"));
      if (viewport.width < DRAWER_BELOW) {
        await dialog("navigation drawer", () => page.getByRole("button", { name: t.nav.openMenu }).click(), page.getByRole("dialog", { name: t.app.name }));
      }
      await dialog(
        "account menu",
        () => page.getByLabel(`${t.userMenu.label}: ${data.holder.name}`).click(),
        page.getByRole("banner").getByRole("link", { name: t.userMenu.profile }),
      );

      await step("/people/users", () => visit("/people/users"));
      await dialog(
        `row menu of ${LONG.firstName}`,
        () => page.getByLabel(t.users.moreFor.replace("{name}", data.holder.name)).click(),
        page.getByRole("table").getByRole("button", { name: t.users.ops.addProducts }).or(page.getByRole("menu")).first(),
      );
      await step("bulk actions", async () => {
        await page.getByRole("checkbox", { name: t.users.selectPage }).check();
        const toolbar = page.getByRole("toolbar", { name: t.users.bulkActions });
        await expect(toolbar).toBeVisible();
        await check("/people/users with every user selected");
        for (const operation of Object.values(t.users.ops)) {
          const action = toolbar.getByRole("button", { name: operation, exact: true });
          if ((await action.count()) === 0) continue; // not offered for this selection
          await dialog(`bulk action “${operation}”`, () => action.click(), page.getByRole("dialog"));
        }
      });

      await step("/people/groups", () => visit("/people/groups"));
      await dialog("delete group", () => page.getByRole("button", { name: t.groups.delete, exact: true }).first().click(), page.getByRole("dialog"));

      await step("/settings/api-tokens", () => visit("/settings/api-tokens"));
      await dialog("revoke API token", () => page.getByRole("button", { name: t.apiTokens.revoke }).first().click(), page.getByRole("dialog"));

      await step("user page", () => visit(`/people/users/${data.twoStep.id}`));
      await dialog("reset two-step verification", () => page.getByRole("button", { name: t.userDetail.resetTwoStep }).click(), page.getByRole("dialog"));

      await step("/profile/security", () => visit("/profile/security"));
      await dialog("remove passkey", () => page.getByRole("button", { name: t.passkeys.remove, exact: true }).first().click(), page.getByRole("dialog"));

      await step("add user: preview and customize", async () => {
        await visit("/people/users/new");
        await page.getByRole("button", { name: t.addUsers.preview, exact: true }).click();
        await expect(page.getByTitle(t.addUsers.previewFrame).or(page.locator("iframe")).first()).toBeVisible();
        await check("/people/users/new with the preview open");
        await page.getByRole("button", { name: t.addUsers.customize, exact: true }).click();
        await check("/people/users/new with the template customized");
      });

      await context.close();
      expect(failures).toEqual([]);
    });
  }
}
