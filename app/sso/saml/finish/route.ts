import { samlFinish } from "@/http/sso/routes";

export const GET = samlFinish;
