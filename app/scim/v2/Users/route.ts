import { scimRoute } from "@/http/scim/scim";
import { createUser, listUsers } from "@/http/scim/users";

export const GET = scimRoute(listUsers);
export const POST = scimRoute(createUser);
