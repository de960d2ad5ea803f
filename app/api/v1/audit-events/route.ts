import { route } from "@/http/v1/operation";
import { listAuditEventsOp } from "@/http/v1/account";

export const GET = route(listAuditEventsOp);
