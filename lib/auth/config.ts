import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authorizeCredentials } from "@/lib/auth/authenticate";
import { baseAuthConfig } from "@/lib/auth/base-config";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...baseAuthConfig(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const user = await authorizeCredentials(raw);
        if (!user) throw new CredentialsSignin();
        return user;
      },
    }),
  ],
});
