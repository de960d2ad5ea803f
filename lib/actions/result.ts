export type FieldErrors = Record<string, string[]>;

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      formError?: string;
      fieldErrors?: FieldErrors;
      /** The fields a refused form is shown again with (its action's `echo`, never a password); without JavaScript too. */
      values?: Record<string, string>;
    };

export type ActionInput = FormData | Record<string, unknown>;

/** FormData → plain object; a key given several times becomes an array. Next's `$ACTION` keys are dropped. */
export function toPlainInput(input: ActionInput | undefined): Record<string, unknown> {
  if (!(input instanceof FormData)) return input ?? {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(input.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = input.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** The action's last answer when it was a refusal; undefined before the first answer and after a success. */
export const failureOf = <T>(state: ActionResult<T> | undefined) => (state && !state.ok ? state : undefined);

/** One message for a form that shows a single error: the form's, else the first field's. */
export function firstError<T>(state: ActionResult<T> | undefined): string | undefined {
  const failure = failureOf(state);
  return failure && (failure.formError ?? Object.values(failure.fieldErrors ?? {}).flat()[0]);
}
