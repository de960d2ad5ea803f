"use client";

import { toast } from "@/components/toast";
import type { ActionResult } from "@/lib/actions/result";

/**
 * The action, then a toast when it succeeded — from the call, not from an effect: by the time an
 * effect would run, the form may be gone from the refreshed page or speak another language (a new
 * language saved). `message` may come from the answer (the server's words, in the language just chosen).
 */
export function toasting<T>(action: (previous: unknown, input: FormData) => Promise<ActionResult<T>>, message: string | ((data: T) => string)) {
  return async (previous: unknown, input: FormData) => {
    const result = await action(previous, input);
    if (result.ok) toast.success(typeof message === "string" ? message : message(result.data));
    return result;
  };
}
