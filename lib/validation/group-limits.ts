// Limits the group forms show, without the schemas: importing lib/validation/groups would bring zod to the browser.

/** Longest group name, in characters; the form fields use it as their maxLength too. */
export const GROUP_NAME_MAX_LENGTH = 60;
