import { route } from "@/http/v1/operation";
import { reactivateUserOp } from "@/http/v1/users";

export const POST = route(reactivateUserOp);
