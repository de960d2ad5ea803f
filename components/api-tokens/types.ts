import type { ActionResult } from "@/lib/actions/result";

/** An API token server action as a form calls it (see app/(app)/settings/api-tokens/actions.ts). */
export type TokenFormAction<T> = (previous: unknown, input: FormData) => Promise<ActionResult<T>>;
