import { route } from "@/http/v1/operation";
import { resendInvitationOp } from "@/http/v1/users";

export const POST = route(resendInvitationOp);
