import { scimRoute } from "@/http/scim/scim";
import { deleteUser, getUser, patchUser, replaceUser } from "@/http/scim/users";

export const GET = scimRoute(getUser);
export const PUT = scimRoute(replaceUser);
export const PATCH = scimRoute(patchUser);
export const DELETE = scimRoute(deleteUser);
