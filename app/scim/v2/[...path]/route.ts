import { scimError } from "@/http/scim/scim";
import { requestLocale } from "@/http/token-request";
import { translator } from "@/lib/i18n/messages";

/** Any other address under /scim/v2 (Groups come later): a SCIM 404, not the app's HTML page. */
async function noSuchEndpoint(request: Request) {
  return scimError(404, translator(requestLocale(request))("api.noSuchOperation"));
}

export const GET = noSuchEndpoint;
export const POST = noSuchEndpoint;
export const PUT = noSuchEndpoint;
export const PATCH = noSuchEndpoint;
export const DELETE = noSuchEndpoint;
