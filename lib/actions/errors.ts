/** Thrown by the data layer when an id is not in the caller's account (or doesn't exist at all). */
export class NotFoundError extends Error {
  constructor() {
    super("notFound");
  }
}

/** A refusal the user can act on, with a message key from the `errors` catalogue section. */
export class UserFacingError extends Error {
  constructor(
    readonly messageKey: string,
    readonly values: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(messageKey);
  }
}
