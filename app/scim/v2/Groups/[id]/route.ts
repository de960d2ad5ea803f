import { deleteGroupRoute, getGroup, patchGroup, replaceGroup } from "@/http/scim/groups";
import { scimRoute } from "@/http/scim/scim";

export const GET = scimRoute(getGroup);
export const PUT = scimRoute(replaceGroup);
export const PATCH = scimRoute(patchGroup);
export const DELETE = scimRoute(deleteGroupRoute);
