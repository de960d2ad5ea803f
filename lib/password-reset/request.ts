import "server-only";
import type { Db } from "@/lib/db/client";
import { enqueue, QUEUES } from "@/lib/queue/boss";
import { reserveAttempt } from "@/lib/security/rate-limit";
import { passwordResetSettings } from "./settings";

export interface ResetRequestJob {
  /** Trimmed and lower-cased, as users' emails are stored. */
  email: string;
}

/**
 * "Forgot password?": counts the request against the address's and the client's hourly limits and
 * queues the job that looks the address up (lib/password-reset/job.ts). The request itself never
 * reads a user, so it does the same work — and takes the same time — whether the address belongs
 * to an active, invited or suspended user or to nobody; the caller always gives the same answer.
 * Beyond a limit nothing is queued (the answer is still the same). Returns whether a job was queued.
 */
export async function requestPasswordReset(db: Db, request: { email: string; ip: string }): Promise<boolean> {
  const { perEmail, perIp, windowMs } = passwordResetSettings();
  const reservation = await reserveAttempt(db, [
    { key: `password-reset:email:${request.email}`, max: perEmail, windowMs },
    { key: `password-reset:ip:${request.ip}`, max: perIp, windowMs },
  ]);
  if (!reservation.ok) return false;
  const job: ResetRequestJob = { email: request.email };
  await db.$transaction((tx) => enqueue(tx, QUEUES.passwordResetRequest, job));
  return true;
}
