"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/define-action";
import { NotFoundError, UserFacingError } from "@/lib/actions/errors";
import { findOutboxEmail, requeueEmail } from "@/lib/mail/outbox";

export const retryEmailAction = accountAction({
  name: "email.retry",
  permission: "outbox.retry",
  input: z.object({ id: z.uuid({ error: "validation.invalid" }) }),
  async handler({ id }, ctx) {
    const email = await findOutboxEmail(ctx.db, ctx.accountId, id);
    if (!email) throw new NotFoundError();
    if (!(await requeueEmail(ctx.db, ctx.accountId, id))) throw new UserFacingError("errors.notRetryable");
    ctx.audit({ action: "email.retry", targetType: "email", targetId: id, before: { status: email.status }, after: { status: "QUEUED" } });
    revalidatePath("/settings/outbox");
    return { id };
  },
});
