"use server";

import { revalidatePath } from "next/cache";
import { accountAction } from "@/lib/actions/define-action";
import { passkeyRegistrationOptions, registerPasskey, removePasskey, renamePasskey } from "@/lib/auth/passkeys";
import { passkeyOptionsSchema, registerPasskeySchema, removePasskeySchema, renamePasskeySchema } from "@/lib/validation/passkeys";

// Profile › Security › Passkeys. Audit entries name the passkey (id and name), never key material.

/** Add a passkey, step 1: the name is checked, then the browser gets the options (and the user a fresh challenge). */
export const passkeyOptionsAction = accountAction({
  name: "twoStep.passkeyOptions",
  permission: "profile.update",
  input: passkeyOptionsSchema,
  async handler(_input, ctx) {
    const options = await passkeyRegistrationOptions(ctx.db, ctx.user);
    ctx.audit({ action: "twoStep.passkeyOptions", targetType: "user", targetId: ctx.user.id });
    return { options };
  },
});

/** Add a passkey, step 2: the browser's answer verified and stored under the name. */
export const passkeyRegisterAction = accountAction({
  name: "twoStep.passkeyRegister",
  permission: "profile.update",
  input: registerPasskeySchema,
  async handler({ name, response }, ctx) {
    const passkey = await registerPasskey(ctx.db, ctx.user.id, name, response);
    ctx.audit({ action: "twoStep.passkeyRegister", targetType: "user", targetId: ctx.user.id, after: { passkeyId: passkey.id, name: passkey.name } });
    revalidatePath("/profile/security");
    return passkey;
  },
});

export const passkeyRenameAction = accountAction({
  name: "twoStep.passkeyRename",
  permission: "profile.update",
  input: renamePasskeySchema,
  async handler({ id, name }, ctx) {
    const renamed = await renamePasskey(ctx.db, ctx.user.id, id, name);
    ctx.audit({ action: "twoStep.passkeyRename", targetType: "user", targetId: ctx.user.id, before: { passkeyId: id, name: renamed.before }, after: { passkeyId: id, name } });
    revalidatePath("/profile/security");
    return { id, name };
  },
});

export const passkeyRemoveAction = accountAction({
  name: "twoStep.passkeyRemove",
  permission: "profile.update",
  input: removePasskeySchema,
  async handler({ id }, ctx) {
    const removed = await removePasskey(ctx.db, ctx.user.id, id);
    ctx.audit({ action: "twoStep.passkeyRemove", targetType: "user", targetId: ctx.user.id, before: { passkeyId: id, name: removed.name } });
    revalidatePath("/profile/security");
    return { id, name: removed.name };
  },
});
