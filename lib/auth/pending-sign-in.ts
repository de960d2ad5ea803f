// STUB: replaced by the twostep helper's module at merge
import "server-only";
import type { Db } from "@/lib/db/client";

export type SecondStepMethod = "totp" | "recoveryCode" | "passkey";

export interface PendingSignIn {
  userId: string;
  email: string;
  sessionVersion: number;
  callbackUrl: string;
}

export async function readPendingSignIn(): Promise<PendingSignIn | null> {
  throw new Error("stub");
}

export async function completeSecondStep(_method: SecondStepMethod, _check: (pending: PendingSignIn, db: Db) => Promise<boolean>): Promise<never> {
  throw new Error("stub");
}
