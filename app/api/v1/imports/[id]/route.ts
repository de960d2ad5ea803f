import { route } from "@/http/v1/operation";
import { cancelImportOp, getImportOp } from "@/http/v1/imports";

export const GET = route(getImportOp);
export const DELETE = route(cancelImportOp);
