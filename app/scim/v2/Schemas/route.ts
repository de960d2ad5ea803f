import { schemas } from "@/http/scim/discovery";
import { scimRoute } from "@/http/scim/scim";

export const GET = scimRoute(async () => schemas());
