import { route } from "@/http/v1/operation";
import { addProductOp } from "@/http/v1/users";

export const POST = route(addProductOp);
