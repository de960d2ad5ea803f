import { requestLocale } from "@/http/token-request";
import { problem } from "@/http/problem";
import { translator } from "@/lib/i18n/messages";

/** Any other address under /api/v1: a problem, not the app's HTML page. */
async function noSuchOperation(request: Request) {
  return problem(404, "noSuchOperation", translator(requestLocale(request))("api.noSuchOperation"));
}

export const GET = noSuchOperation;
export const POST = noSuchOperation;
export const PUT = noSuchOperation;
export const PATCH = noSuchOperation;
export const DELETE = noSuchOperation;
