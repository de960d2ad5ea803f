// What a welcome email's preview fills its variables with (Add user's preview and its "Customize" editor).

/** What a welcome email's variables are filled with in a preview. */
export function sampleVariables(firstName: string, names: { accountName: string; inviterName: string }) {
  return {
    firstName, accountName: names.accountName, inviterName: names.inviterName,
    invitationUrl: "https://example.invalid/invitations/preview", expiresAt: new Date(Date.now() + 7 * 86_400_000),
  };
}
