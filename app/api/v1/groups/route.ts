import { route } from "@/http/v1/operation";
import { createGroupOp, listGroupsOp } from "@/http/v1/account";

export const GET = route(listGroupsOp);
export const POST = route(createGroupOp);
