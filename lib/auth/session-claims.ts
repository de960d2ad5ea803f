import "server-only";
import { auth } from "@/lib/auth/config";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  /** The id of the session's row (lib/auth/sessions.ts). */
  sessionId: string;
}

/** What the signed session cookie says, before the database has confirmed it. */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const session = (await auth()) as { uid?: unknown; sv?: unknown; sid?: unknown } | null;
  // A token without a session id (issued before session rows existed) is refused: sign in again.
  if (typeof session?.uid !== "string" || typeof session.sv !== "number" || typeof session.sid !== "string") return null;
  return { userId: session.uid, sessionVersion: session.sv, sessionId: session.sid };
}
