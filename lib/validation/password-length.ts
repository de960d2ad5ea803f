// The password's minimum length alone, for forms that show it: importing lib/validation/password would bring zod to the browser.
export const PASSWORD_MIN_LENGTH = 12;
