import { route } from "@/http/v1/operation";
import { listSubscriptionsOp } from "@/http/v1/account";

export const GET = route(listSubscriptionsOp);
