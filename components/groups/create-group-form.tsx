"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError, TextField } from "@/components/form-fields";
import { SubmitButton } from "@/components/submit-button";
import { useSuccessToast } from "@/components/toast";
import { GROUP_NAME_MAX_LENGTH } from "@/lib/validation/group-limits";
import type { GroupFormAction } from "./types";
import { isolate } from "@/lib/bidi";
import { failureOf } from "@/lib/actions/result";

export function CreateGroupForm({ action }: { action: GroupFormAction<{ id: string; name: string }> }) {
  const t = useTranslations("groups");
  const [state, formAction] = useActionState(action, undefined);
  // React resets the form after every submission: on a refusal, reset it to what was typed.
  const [submitted, setSubmitted] = useState("");
  const failed = failureOf(state);
  useSuccessToast(state, state?.ok ? t("created", { name: isolate(state.data.name) }) : undefined);
  return (
    <form
      action={formAction}
      onSubmit={(event) => setSubmitted(String(new FormData(event.currentTarget).get("name") ?? ""))}
      className="flex max-w-xl flex-wrap items-start gap-2"
      noValidate
    >
      <TextField
        name="name"
        label={t("nameLabel")}
        hint={t("nameHint", { max: GROUP_NAME_MAX_LENGTH })}
        maxLength={GROUP_NAME_MAX_LENGTH}
        autoComplete="off"
        required
        defaultValue={failed ? submitted : ""}
        errors={failed?.fieldErrors?.name}
        className="min-w-64 flex-1"
      />
      <SubmitButton className="mt-6">{t("create")}</SubmitButton>
      <div className="basis-full">
        <FormError message={failed?.formError} />
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("created", { name: isolate(state.data.name) })}</p>}
      </div>
    </form>
  );
}
