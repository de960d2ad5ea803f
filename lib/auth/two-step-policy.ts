import "server-only";
import { policyCovers } from "@/lib/auth/two-step";
import type { AccountRole, TwoStepPolicy } from "@/lib/generated/prisma/enums";

// The account policy's gate (decision 0021): whom it holds back, from when, and what they may
// still do. One pure function over what getCurrentUser already loaded, so gating costs no query.

/** Where a user the policy holds back is sent: Profile › Security, where factors are set up. */
export const TWO_STEP_SETUP_PATH = "/profile/security";

/**
 * Action names a held-back user may still call: setting up a factor, their sessions, signing in and
 * out, the sign-in page's language and their own (the setup page should be in a language they read).
 */
const SETUP_ACTION_PREFIXES = ["twoStep.", "session.", "auth.", "locale.", "profile.language."] as const;

export interface GateSubject {
  role: AccountRole;
  twoStepEnabled: boolean;
  createdAt: Date;
  account: { twoStepPolicy: TwoStepPolicy; twoStepGraceDays: number; twoStepPolicyAt: Date | null };
}

export type TwoStepGate =
  /** Not covered by the policy, or has a second factor. */
  | { state: "free" }
  /** Covered without a factor; may work until `deadline`. */
  | { state: "grace"; deadline: Date }
  /** Covered without a factor and the grace period is over: may only set one up. */
  | { state: "setupRequired"; deadline: Date };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a covered user's grace period ends: `graceDays` after the later of the moment the policy
 * last widened to cover their role (Account.twoStepPolicyAt) and their user's creation — a user
 * added under the policy gets the whole grace period too.
 */
export function graceEndsAt(user: Pick<GateSubject, "createdAt" | "account">): Date {
  const since = Math.max(user.account.twoStepPolicyAt?.getTime() ?? 0, user.createdAt.getTime());
  return new Date(since + user.account.twoStepGraceDays * DAY_MS);
}

export function twoStepGate(user: GateSubject, now: Date = new Date()): TwoStepGate {
  if (user.twoStepEnabled || !policyCovers(user.account.twoStepPolicy, user.role)) return { state: "free" };
  const deadline = graceEndsAt(user);
  return now.getTime() < deadline.getTime() ? { state: "grace", deadline } : { state: "setupRequired", deadline };
}

/** Whether a held-back user may still call this action (by its declared name). */
export const allowedWhileSetupRequired = (actionName: string): boolean => SETUP_ACTION_PREFIXES.some((prefix) => actionName.startsWith(prefix));

/** Whether a path is the setup page (or below it), the only pages a held-back user may open. */
export const isSetupPath = (path: string | null | undefined): boolean =>
  path === TWO_STEP_SETUP_PATH || Boolean(path?.startsWith(`${TWO_STEP_SETUP_PATH}/`));
