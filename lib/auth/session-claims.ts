import "server-only";
import { auth } from "@/lib/auth/config";

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
}

/** What the signed session cookie says, before the database has confirmed it. */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const session = (await auth()) as { uid?: unknown; sv?: unknown } | null;
  if (typeof session?.uid !== "string" || typeof session.sv !== "number") return null;
  return { userId: session.uid, sessionVersion: session.sv };
}
