// Sign-in error codes (thrown by authorize(), carried in ?error=) and what the form says for each.
export const SIGN_IN_ERRORS: Record<string, string> = {
  invalid_credentials: "That email and password don't match an active account.",
  rate_limited: "Too many sign-in attempts. Wait a few minutes, then try again.",
  invalid_input: "Enter an email address and a password.",
};

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return SIGN_IN_ERRORS[code] ?? "Sign-in failed. Try again.";
}

/** Only same-site relative paths are followed after sign-in (no open redirects). */
export function safeCallbackUrl(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/login") || value.startsWith("/logout")) return fallback;
  return value;
}
