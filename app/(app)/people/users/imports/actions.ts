"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { UserFacingError } from "@/lib/actions/errors";
import { cancelImport, commitImport, createDraftImport } from "@/lib/imports/batches";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { assertCanAssignRole } from "@/lib/permissions";
import { accountGroupId } from "@/lib/users/add";
import { importIdSchema, uploadImportSchema } from "@/lib/validation/imports";

export const uploadImportAction = accountAction({
  name: "imports.upload",
  permission: "imports.manage",
  input: uploadImportSchema,
  handler: async ({ file, ...settings }, ctx) => {
    if (file.size > MAX_IMPORT_BYTES) throw new UserFacingError("imports.fileProblems.tooLarge", { limit: MAX_IMPORT_BYTES }, "file");
    assertCanAssignRole(ctx.user.role, settings.role);
    const groupId = await accountGroupId(ctx.db, ctx.accountId, settings.groupId);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return createDraftImport(ctx, { fileName: file.name, bytes, settings: { ...settings, groupId } });
  },
  redirectTo: ({ id }) => `/people/users/imports/${id}`,
});

export const commitImportAction = accountAction({
  name: "imports.commit",
  permission: "imports.manage",
  input: importIdSchema,
  handler: async ({ id }, ctx) => {
    const committed = await commitImport(ctx, id);
    revalidatePath("/people/users/imports");
    return committed;
  },
  // `done` asks the page for a toast (components/imports/result-toast.tsx).
  redirectTo: ({ id }) => `/people/users/imports/${id}?done=confirmed`,
});

export const cancelImportAction = accountAction({
  name: "imports.cancel",
  permission: "imports.manage",
  input: importIdSchema,
  handler: async ({ id }, ctx) => {
    const cancelled = await cancelImport(ctx, id);
    revalidatePath("/people/users/imports");
    return cancelled;
  },
  redirectTo: ({ id, discarded }) => (discarded ? "/people/users/import?done=discarded" : `/people/users/imports/${id}?done=cancelled`),
});
