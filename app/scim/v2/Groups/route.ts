import { createGroup, listGroups } from "@/http/scim/groups";
import { scimRoute } from "@/http/scim/scim";

export const GET = scimRoute(listGroups);
export const POST = scimRoute(createGroup);
