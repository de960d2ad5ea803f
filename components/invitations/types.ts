import type { ActionResult } from "@/lib/actions/result";

/** A server action used as a form's action: a failure comes back, a success redirects. */
export type InvitationFormAction = (previous: unknown, input: FormData) => Promise<ActionResult<unknown>>;
