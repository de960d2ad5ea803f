// Every operation of the REST API, once: the OpenAPI document is generated from this list, and
// tests/integration/rest-api.test.ts checks each against the route files and its schemas.
import "server-only";
import { createGroupOp, deleteGroupOp, listAuditEventsOp, listGroupsOp, listSubscriptionsOp, renameGroupOp } from "./account";
import { cancelImportOp, commitImportOp, getImportOp, listImportsOp, uploadImportOp } from "./imports";
import type { Operation } from "./operation";
import {
  addProductOp, createUsersOp, deleteUserOp, getCapabilitiesOp, getUserOp, listUsersOp, reactivateUserOp, removeProductOp,
  resendInvitationOp, suspendUserOp, updateCapabilitiesOp, updateUserOp,
} from "./users";

export const OPERATIONS: Operation[] = [
  listUsersOp, createUsersOp, getUserOp, updateUserOp, deleteUserOp, suspendUserOp, reactivateUserOp, resendInvitationOp,
  addProductOp, removeProductOp, getCapabilitiesOp, updateCapabilitiesOp, listSubscriptionsOp,
  listGroupsOp, createGroupOp, renameGroupOp, deleteGroupOp,
  uploadImportOp, listImportsOp, getImportOp, commitImportOp, cancelImportOp,
  listAuditEventsOp,
];
