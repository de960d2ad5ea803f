// Every operation of the REST API, once: the OpenAPI document is generated from this list, and
// tests/integration/rest-api.test.ts checks each against the route files and its schemas.
import "server-only";
import type { Operation } from "./operation";
import { createUsersOp, deleteUserOp, getUserOp, listUsersOp, reactivateUserOp, suspendUserOp } from "./users";

export const OPERATIONS: Operation[] = [listUsersOp, createUsersOp, getUserOp, deleteUserOp, suspendUserOp, reactivateUserOp];
