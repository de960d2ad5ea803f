import { ssoGo } from "@/http/sso/routes";

export const GET = ssoGo;
