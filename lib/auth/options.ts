// next-auth configuration: Credentials sign-in with JWT sessions. The token carries only the user
// id; role and disabled state are re-read from the database by the guard on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env";
import { signInWithPassword } from "./sign-in";
import { peerAddress } from "../server/peer";

const credentials = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
});

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/login", signOut: "/logout", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          // The per-IP limit counts the address the collector saw, never X-Forwarded-For (anyone can
          // write that header, and a new value per attempt would dodge the limit).
          if (!parsed.success) throw new Error("invalid_input");
          const result = await signInWithPassword({ ...parsed.data, ip: peerAddress(req?.headers) }, new Date());
          // next-auth turns a thrown error's message into ?error=… for the sign-in page.
          if (!result.ok) throw new Error(result.code);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        // Only the id is trusted from the token; the guard loads everything else fresh.
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
