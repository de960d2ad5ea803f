import { oidcCallback } from "@/http/sso/routes";

export const GET = oidcCallback;
