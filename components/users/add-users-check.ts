// The server's Add user schema, for checking in the browser before sending: loaded on the first
// submit or the first field shown with an error, so zod is not in the page's first load.
import type { FieldErrors } from "@/lib/actions/result";
import { addUsersSchema } from "@/lib/validation/add-users";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

export function checkAddUsers(input: unknown, t: Parameters<typeof fieldErrorsOf>[1]): FieldErrors {
  const parsed = addUsersSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error, t);
}
