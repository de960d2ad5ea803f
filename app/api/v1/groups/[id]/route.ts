import { route } from "@/http/v1/operation";
import { deleteGroupOp, renameGroupOp } from "@/http/v1/account";

export const PATCH = route(renameGroupOp);
export const DELETE = route(deleteGroupOp);
