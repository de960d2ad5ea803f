// The OpenAPI 3.1 document of /api/v1, generated from the operations' own zod schemas: what the
// API validates is what it documents. Schemas named with `.meta({ id })` become components.
import "server-only";
import { z } from "zod";
import { PROBLEM_TYPE_PREFIX } from "../problem";
import type { Operation } from "./operation";
import { OPERATIONS } from "./operations";

type Json = Record<string, unknown>;

const problemSchema = {
  type: "object",
  description: `RFC 9457 problem details. \`type\` is stable (${PROBLEM_TYPE_PREFIX}<code>); \`detail\` is in the language of Accept-Language.`,
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: { type: "object", description: "Messages by field (`rows.0.email`).", additionalProperties: { type: "array", items: { type: "string" } } },
  },
  required: ["type", "title", "status", "detail"],
};

/** A zod schema as JSON Schema, its named parts moved into `components` and referenced from there. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  const { $schema: _s, $defs, ...rest } = converted;
  const text = (value: unknown) => JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/');
  for (const [name, def] of Object.entries(($defs ?? {}) as Json)) components[name] = JSON.parse(text(def));
  return JSON.parse(text(rest));
}

function parametersOf(operation: Operation, components: Json): Json[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name, in: "path", required: true, schema: name === "id" ? { type: "string", format: "uuid" } : { type: "string" },
  }));
  const query = operation.query
    ? Object.entries((schemaOf(operation.query, "input", components).properties ?? {}) as Json).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
    : [];
  const idempotency = operation.method === "POST"
    ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Any unique string (1–255 visible ASCII characters): a retry with the same key and request within 24 hours gets the first answer again (`Idempotent-Replayed: true`), never a second change.", schema: { type: "string" } }]
    : [];
  const headers = (operation.headers ?? []).map((h) => ({ name: h.name, in: "header", required: h.required ?? false, description: h.description, schema: { type: "string" } }));
  return [...path, ...query, ...idempotency, ...headers];
}

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

function operationObject(operation: Operation, components: Json): Json {
  const responses: Json = {};
  for (const [status, schema] of Object.entries(operation.responses)) {
    responses[status] = schema
      ? { description: "OK", content: { "application/json": { schema: schemaOf(schema, "output", components) } } }
      : { description: "Done, nothing to return." };
  }
  Object.assign(responses, {
    401: problemResponse("No valid API token (missing, unknown, revoked, expired, or its creator is no longer active)."),
    403: problemResponse("The token's role ceiling, its creator's role now, or its scopes don't allow this."),
    429: problemResponse("Over the token's requests per minute; see Retry-After."),
  });
  if (operation.path.includes("{")) responses[404] = problemResponse("No such item in the token's account.");
  if (operation.upload) responses[413] = problemResponse("The file is over the size limit.");
  if (operation.body || operation.query || operation.upload) responses[422] = problemResponse("Invalid values, with messages by field in `errors`.");
  if (operation.method !== "GET") responses[409] = problemResponse("Refused by a rule of the account (seats, the last account holder…); nothing changed.");
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    "x-permission": operation.permission,
    parameters: parametersOf(operation, components),
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(operation.body, "input", components) } } } } : {}),
    ...(operation.upload
      ? { requestBody: { required: true, content: Object.fromEntries(operation.upload.mediaTypes.map((type) => [type, { schema: { type: "string", format: "binary", maxLength: operation.upload!.maxBytes } }])) } }
      : {}),
    responses,
  };
}

export function openApiDocument(operations: Operation[] = OPERATIONS): Json {
  const components: Json = { Problem: problemSchema };
  const paths: Record<string, Json> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = operationObject(operation, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Central Admin API",
      version: "1",
      description: "Manage users, licences and groups of your account. Authenticate with an API token from Settings › API tokens: `Authorization: Bearer ca_…`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiToken: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "An API token (ca_ and 43 characters)." } },
    },
  };
}
