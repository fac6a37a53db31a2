// Runs before every page request: records the requested path in a header so the guard can send a
// signed-out visitor to sign-in and back. Authorization itself happens in lib/auth/guard.ts.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set("x-tandem-path", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not for static files, next-auth, or the Tracking API (which must stay lean).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/|v1/).*)"],
};
