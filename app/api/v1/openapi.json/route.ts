import { openApiDocument } from "@/http/v1/openapi";

/** The API's description: public, like the API reference page that renders it. */
export async function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
