import { expect, type Page } from "@playwright/test";

/**
 * Waits until no toast is on screen (they close after 5 s). Sonner's rich success colours fail
 * axe's contrast check, so pages are checked once their toasts are gone.
 */
export async function toastsGone(page: Page) {
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 15_000 });
}
