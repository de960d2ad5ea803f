// SCIM's self-description (RFC 7644 §4): what this service provider supports, for identity
// providers that read it before provisioning.
import "server-only";
import { appUrl } from "@/lib/app-url";
import { LIST_RESPONSE, MAX_PAGE, USER_SCHEMA } from "./users";
import { scim } from "./scim";

export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
const base = () => `${appUrl()}/scim/v2`;

export function serviceProviderConfig() {
  return scim({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${appUrl()}/settings/api-tokens/reference`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: "oauthbearertoken", name: "API token", description: "An API token from Settings › API tokens (scope SCIM), as `Authorization: Bearer ca_…` or the bare token.", primary: true }],
    meta: { resourceType: "ServiceProviderConfig", location: `${base()}/ServiceProviderConfig` },
  });
}

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name, type, multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra,
});

const SCHEMAS = [
  {
    id: USER_SCHEMA,
    name: "User",
    description: "A user of the account",
    attributes: [
      attribute("userName", "string", { required: true, mutability: "immutable", uniqueness: "server", description: "The work email; it can't change." }),
      attribute("name", "complex", { subAttributes: [attribute("givenName", "string", { required: true }), attribute("familyName", "string"), attribute("formatted", "string", { mutability: "readOnly" })] }),
      attribute("displayName", "string", { mutability: "readOnly" }),
      attribute("emails", "complex", { multiValued: true, mutability: "immutable", subAttributes: [attribute("value", "string"), attribute("type", "string"), attribute("primary", "boolean")] }),
      attribute("active", "boolean", { description: "false suspends the user (their sessions end); true reactivates them." }),
      attribute("externalId", "string", { caseExact: true }),
      attribute("preferredLanguage", "string"),
      attribute("groups", "complex", { multiValued: true, mutability: "readOnly", subAttributes: [attribute("value", "string"), attribute("display", "string")] }),
    ],
    meta: { resourceType: "Schema", location: `/scim/v2/Schemas/${USER_SCHEMA}` },
  },
  {
    id: GROUP_SCHEMA,
    name: "Group",
    description: "A user group of the account",
    attributes: [
      attribute("displayName", "string", { required: true, uniqueness: "server" }),
      attribute("members", "complex", { multiValued: true, subAttributes: [attribute("value", "string"), attribute("display", "string", { mutability: "readOnly" })] }),
      attribute("externalId", "string", { caseExact: true }),
    ],
    meta: { resourceType: "Schema", location: `/scim/v2/Schemas/${GROUP_SCHEMA}` },
  },
];

export const schemas = () => scim({ schemas: [LIST_RESPONSE], totalResults: SCHEMAS.length, startIndex: 1, itemsPerPage: SCHEMAS.length, Resources: SCHEMAS });

const RESOURCE_TYPES = () => [
  { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "User", name: "User", endpoint: "/Users", schema: USER_SCHEMA, meta: { resourceType: "ResourceType", location: `${base()}/ResourceTypes/User` } },
  { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], id: "Group", name: "Group", endpoint: "/Groups", schema: GROUP_SCHEMA, meta: { resourceType: "ResourceType", location: `${base()}/ResourceTypes/Group` } },
];

export const resourceTypes = () => scim({ schemas: [LIST_RESPONSE], totalResults: 2, startIndex: 1, itemsPerPage: 2, Resources: RESOURCE_TYPES() });
