import { route } from "@/http/v1/operation";
import { getCapabilitiesOp, updateCapabilitiesOp } from "@/http/v1/users";

export const GET = route(getCapabilitiesOp);
export const PATCH = route(updateCapabilitiesOp);
