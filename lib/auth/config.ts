import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/authenticate";
import { getDb } from "@/lib/db/client";
import { signInSchema } from "@/lib/validation/auth";

const HOUR = 60 * 60;

// Credentials sign-in implies JWT sessions; each token carries the user's session version, which
// getCurrentUser compares with the database on every request, so bumping it revokes the session.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: Number(process.env.SESSION_MAX_AGE_HOURS ?? 12) * HOUR },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const user = await authenticate(getDb(), parsed.data.email, parsed.data.password);
        if (!user) throw new CredentialsSignin();
        return { id: user.id, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion: number }).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv };
    },
  },
});
