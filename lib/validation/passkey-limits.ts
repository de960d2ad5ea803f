// Limits the passkey forms show, without the schemas: importing lib/validation/passkeys would bring zod to the browser.

/** Longest passkey name, in characters; the form field uses it as its maxLength too. */
export const PASSKEY_NAME_MAX_LENGTH = 60;
