import type { ActionResult } from "@/lib/actions/result";

/** A group server action as a form calls it (see app/(app)/people/groups/actions.ts). */
export type GroupFormAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;
