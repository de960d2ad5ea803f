import { route } from "@/http/v1/operation";
import { commitImportOp } from "@/http/v1/imports";

export const POST = route(commitImportOp);
