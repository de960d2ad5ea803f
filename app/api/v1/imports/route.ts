import { route } from "@/http/v1/operation";
import { listImportsOp, uploadImportOp } from "@/http/v1/imports";

export const GET = route(listImportsOp);
export const POST = route(uploadImportOp);
