import { getTranslations } from "next-intl/server";
import { TOO_LARGE_PARAM } from "@/lib/security/body-limit";

/**
 * Says that the last form post was larger than the server takes, when the server sent the browser
 * back here for it (lib/security/body-limit.ts): nothing was saved.
 */
export async function SentTooLarge({ query }: { query: Record<string, string | string[] | undefined> }) {
  if (query[TOO_LARGE_PARAM] !== "1") return null;
  const t = await getTranslations("errors");
  return <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">{t("sentTooLarge")}</p>;
}
