"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/actions/define-action";
import { getDb } from "@/lib/db/client";
import { requestPasswordReset } from "@/lib/password-reset/request";
import { clientIp } from "@/lib/security/client-ip";
import { forgotPasswordSchema } from "@/lib/validation/password-reset";

// The same answer, in the same time, for every address: this only counts the request and queues
// the job that looks the address up (lib/password-reset/request.ts, decision 0019).
export const requestPasswordResetAction = publicAction({
  name: "auth.passwordResetRequest",
  input: forgotPasswordSchema,
  async handler({ email }) {
    await requestPasswordReset(getDb(), { email, ip: clientIp(await headers()) });
    return { sent: true as const };
  },
});
