import { samlMetadata } from "@/http/sso/routes";

export async function GET(_request: Request, { params }: { params: Promise<{ accountId: string }> }) {
  return samlMetadata((await params).accountId);
}
