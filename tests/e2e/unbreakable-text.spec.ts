// Issue 20, class 2: text without a break opportunity (a long number, a path, escaped markup, a URL,
// an address) must wrap or be cut (whole on hover or focus), never widen a page, a table or an email.
// One account holds those strings everywhere they can be typed or arrive (tests/e2e/support/layout.ts:
// user names and addresses, a group, the account's name, an import's file and cells, the account's
// email templates, an email of every kind in the outbox, audit events, an invoice, a passkey). One
// browser page walks every page at a 1280 px desktop (where the issue saw the users list at 1,413 px)
// and a 390 px phone, and collects what sticks out:
// - the document wider than the viewport, or a control outside it (layoutProblems);
// - a table column held wide by one value, or text running out of its cell, heading, paragraph or
//   preview: it wraps or is cut (whole on hover or focus);
// - an email preview whose document is wider than its frame: the email itself wraps (and so does
//   every outbox email, rendered in a 390 px page, as a phone's mail client shows it).
// The failures are asserted once, so one report lists all of them.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createLongNameAccount, layoutProblems, LONG, signedInPages } from "./support/layout";

test.describe.configure({ mode: "parallel", timeout: 300_000 });

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

/**
 * No column of a table is held wide by one value: squeezed to its narrowest (width: min-content),
 * every column fits in COLUMN_MAX px, so a long value wraps or is cut (whole on hover or focus)
 * instead of widening the table. A table with many columns may still scroll in its own region.
 */
const COLUMN_MAX = 320;
function columnsTooWide(page: Page): Promise<string[]> {
  return page.evaluate((max) =>
    [...document.querySelectorAll("table")].flatMap((table) => {
      const name = table.querySelector("caption")?.textContent?.trim() || table.closest("[role=region]")?.getAttribute("aria-label") || "table";
      const header = [...(table.tHead?.rows[0]?.cells ?? [])].map((cell) => cell.textContent?.trim());
      const before = table.style.width;
      table.style.width = "min-content";
      const widths = new Map<number, number>();
      for (const row of table.rows) for (const cell of row.cells) if (cell.colSpan === 1) widths.set(cell.cellIndex, Math.max(widths.get(cell.cellIndex) ?? 0, cell.getBoundingClientRect().width));
      table.style.width = before;
      return [...widths].filter(([, width]) => width > max)
        .map(([index, width]) => `table “${name}”: column “${header[index] || index + 1}” is at least ${Math.round(width)} px wide (at most ${max})`);
    }), COLUMN_MAX);
}

/**
 * Text that runs out of its own box: a cell, heading, paragraph, list item or preformatted text
 * whose content is wider than it (with overflow visible, so it spills over its neighbours or the
 * edge). A value cut with an ellipsis is clipped by its own box and doesn't count.
 */
function textRunningOut(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("td, th, h1, h2, h3, p, dd, dt, li, pre, label, legend")].flatMap((element) => {
      if (!element.checkVisibility() || element.closest(".sr-only")) return [];
      const style = getComputedStyle(element);
      if (style.overflowX !== "visible" || element.clientWidth === 0) return [];
      const over = element.scrollWidth - element.clientWidth;
      return over > 1 ? [`${element.tagName.toLowerCase()} “${(element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40)}” runs ${over} px out of its box`] : [];
    }),
  );
}

/** What a rendered email's own document needs, at `width` px: no more than that. */
async function emailWidthProblem(page: Page, html: string, width: number): Promise<string | null> {
  await page.setViewportSize({ width, height: 800 });
  await page.setContent(html);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  return scrollWidth > width ? `the email is ${scrollWidth} px wide in ${width} px` : null;
}

for (const viewport of VIEWPORTS) {
  test(`${viewport.name} ${viewport.width} px: unbreakable names, paths, markup and URLs wrap or are cut on every page and in every email`, async ({ browser, db, baseURL }) => {
    const data = await createLongNameAccount(db, "en");
    const unbreakable = await db.user.findFirstOrThrow({ where: { accountId: data.accountId, firstName: LONG.unbreakable } });
    const context = await browser.newContext({ baseURL, viewport, locale: "en-US" });
    const page = await context.newPage();
    const emailPage = await context.newPage();
    page.setDefaultTimeout(15_000);
    const failures: string[] = [];

    const check = async (where: string) => {
      for (const problem of await layoutProblems(page)) failures.push(`${where}: ${problem}`);
      for (const problem of await columnsTooWide(page)) failures.push(`${where}: ${problem}`);
      for (const problem of await textRunningOut(page)) failures.push(`${where}: ${problem}`);
      // Each email preview on the page, at the width of its frame.
      for (const frame of await page.locator("iframe[srcdoc]").all()) {
        const [html, width] = await frame.evaluate((el: HTMLIFrameElement) => [el.srcdoc, el.clientWidth] as const);
        const problem = await emailWidthProblem(emailPage, html, width);
        if (problem) failures.push(`${where}: preview “${await frame.getAttribute("title")}”: ${problem}`);
      }
    };
    const visit = async (path: string, expectedStatus = 200) => {
      try {
        const response = await page.goto(path);
        if (response?.status() !== expectedStatus) failures.push(`${path}: status ${response?.status()} (expected ${expectedStatus})`);
        await expect(page).toHaveTitle(/\S/);
        await page.waitForLoadState("networkidle"); // the template editor renders its preview once hydrated
        await check(path);
      } catch (error) {
        failures.push(`${path}: ${(error as Error).message.split("\n")[0]}`);
      }
    };

    // Signed out: an invitation and a reset link carry the account's name.
    for (const path of [data.invitationPath, data.resetPath]) await visit(path);

    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(data.holder.email);
    await page.getByLabel("Password").fill("e2e password 123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    const pages = signedInPages(data, unbreakable.id, "en");
    // Every kind of email is in the list, and each has its page.
    expect(pages.filter((path) => path.startsWith("/settings/outbox/"))).toHaveLength(data.outboxIds.length + 1);
    for (const path of pages) await visit(path, path === "/this-page-does-not-exist" ? 404 : 200);

    // Add user's preview of the welcome email (the account's own, with a URL, a path and markup), then its editor.
    try {
      await page.goto("/people/users/new");
      await page.waitForLoadState("networkidle");
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await expect(page.getByTitle("Welcome email preview")).toBeVisible();
      await check("/people/users/new with the preview open");
      await page.getByRole("button", { name: "Customize", exact: true }).click();
      await expect(page.locator("iframe[srcdoc]")).toHaveCount(1);
      await expect(page.locator("pre")).toContainText(LONG.url);
      await check("/people/users/new with the template customized");
    } catch (error) {
      failures.push(`/people/users/new: ${(error as Error).message.split("\n")[0]}`);
    }

    // Every email in the outbox, as a phone's mail client shows it.
    const emails = await db.outboxEmail.findMany({ where: { accountId: data.accountId }, select: { kind: true, html: true } });
    expect(new Set(emails.map((email) => email.kind)).size).toBe(data.outboxIds.length);
    for (const email of emails) {
      const problem = await emailWidthProblem(emailPage, email.html, 390);
      if (problem) failures.push(`outbox email “${email.kind}”: ${problem}`);
    }

    await context.close();
    expect(failures).toEqual([]);
  });
}
