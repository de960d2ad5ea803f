import { route } from "@/http/v1/operation";
import { deleteUserOp, getUserOp, updateUserOp } from "@/http/v1/users";

export const GET = route(getUserOp);
export const PATCH = route(updateUserOp);
export const DELETE = route(deleteUserOp);
