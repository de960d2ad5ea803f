import { samlAcs } from "@/http/sso/routes";

export const POST = samlAcs;
