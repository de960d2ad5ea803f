import { route } from "@/http/v1/operation";
import { createUsersOp, listUsersOp } from "@/http/v1/users";

export const GET = route(listUsersOp);
export const POST = route(createUsersOp);
