import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3300";
const [,, path = "/people/users", tag = "x"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [w, h] of [[390, 844], [1440, 900]]) for (const scheme of ["light", "dark"]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(base + "/sign-in");
  await page.getByLabel("Email").fill("admin@acme.example");
  await page.getByLabel("Password").fill("central-admin-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(base + "/");
  await page.goto(base + path);
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(w, scheme, "scrollWidth", sw);
  await page.screenshot({ path: `/tmp/shots/${tag}-${w}-${scheme}.png` });
  if (w === 390 && scheme === "light") {
    await page.getByRole("button", { name: "Open navigation" }).click();
    await page.screenshot({ path: `/tmp/shots/${tag}-${w}-drawer.png` });
    await page.keyboard.press("Escape");
  }
  if (w === 1440 && scheme === "dark") {
    await page.locator("summary").first().click();
    await page.screenshot({ path: `/tmp/shots/${tag}-${w}-menu-dark.png` });
  }
  await ctx.close();
}
await browser.close();
