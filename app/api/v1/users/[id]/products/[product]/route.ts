import { route } from "@/http/v1/operation";
import { removeProductOp } from "@/http/v1/users";

export const DELETE = route(removeProductOp);
