/**
 * Every action the app records in the audit log. Each has a sentence under `audit.sentences`
 * (its code with dots as underscores) in every catalogue; a unit test checks both that and that
 * every `action:` the code records is listed here. CSV exports keep the codes: they are the
 * machine-readable names, stable across languages.
 */
export const AUDIT_ACTIONS = [
  "account.created",
  "apiToken.create",
  "apiToken.revoke",
  "auth.passwordReset",
  "auth.passwordResetRefused",
  "auth.passwordResetRequest",
  "auth.signIn",
  "auth.signInFailed",
  "auth.signOut",
  "capabilities.update",
  "email.retry",
  "emailTemplate.reset",
  "emailTemplate.save",
  "group.create",
  "group.delete",
  "group.rename",
  "import.cancel",
  "import.commit",
  "import.discard",
  "import.reflect",
  "import.refused",
  "import.upload",
  "invitation.accept",
  "invitation.decline",
  "invitation.resend",
  "invitation.transfer",
  "licence.assign",
  "licence.remove",
  "profile.language.update",
  "profile.password.change",
  "profile.update",
  "provisioning.ruleCreate",
  "provisioning.ruleDelete",
  "scim.externalId",
  "security.twoStepPolicy",
  "session.revoke",
  "session.revokeOthers",
  "twoStep.passkeyOptions",
  "twoStep.passkeyRegister",
  "twoStep.passkeyRemove",
  "twoStep.passkeyRename",
  "twoStep.recoveryCodesRegenerate",
  "twoStep.totpConfirm",
  "twoStep.totpRemove",
  "twoStep.totpStart",
  "user.bulk.cancel",
  "user.bulk.capabilities.update",
  "user.bulk.delete",
  "user.bulk.group.change",
  "user.bulk.reactivate",
  "user.bulk.role.change",
  "user.bulk.start",
  "user.bulk.suspend",
  "user.create",
  "user.delete",
  "user.group.change",
  "user.profile.update",
  "user.reactivate",
  "user.role.change",
  "user.suspend",
  "user.transfer.in",
  "user.transfer.out",
  "users.resetTwoStep",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (action: string): action is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(action);

/** The catalogue key of an action under `audit.sentences` (and `audit.actions`): "licence.assign" → "licence_assign". */
export const auditMessageKey = (action: string) => action.replace(/\./g, "_");
