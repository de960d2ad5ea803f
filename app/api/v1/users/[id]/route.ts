import { route } from "@/http/v1/operation";
import { deleteUserOp, getUserOp } from "@/http/v1/users";

export const GET = route(getUserOp);
export const DELETE = route(deleteUserOp);
