import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { authorizeCredentials } from "@/lib/auth/authenticate";
import { baseAuthConfig } from "@/lib/auth/base-config";
import { startSession } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...baseAuthConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Reached only through our server actions' signIn() (the /api/auth routes aren't mounted), so
      // the request's headers are the browser's: its address and user agent go on the session row.
      async authorize(raw) {
        const user = await authorizeCredentials(raw);
        if (!user) throw new CredentialsSignin();
        return { ...user, sessionId: await startSession(getDb(), user.id, await headers()) };
      },
    }),
  ],
});
