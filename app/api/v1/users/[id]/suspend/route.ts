import { route } from "@/http/v1/operation";
import { suspendUserOp } from "@/http/v1/users";

export const POST = route(suspendUserOp);
