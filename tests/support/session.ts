// Integration tests stand in for the signed cookie only: what readSessionClaims would have
// decoded. Everything after it (user lookup, session version, account, permission) is real.
import { vi } from "vitest";
import type { SessionClaims } from "@/lib/auth/session-claims";

let claims: SessionClaims | null = null;

vi.mock("@/lib/auth/session-claims", () => ({ readSessionClaims: async () => claims }));

export function signInAs(user: { id: string; sessionVersion: number } | null) {
  claims = user && { userId: user.id, sessionVersion: user.sessionVersion };
}

// Framework plumbing: there is no Next.js request store in an integration test to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
