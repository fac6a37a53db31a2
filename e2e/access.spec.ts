// Every page and API route, as every role and signed out: what each gets must match the matrix.
import { expect, request as newRequest, test } from "@playwright/test";
import { allowed, ROUTES } from "./access-matrix";
import { ROLES, storageStateOf, type Role } from "./roles";
import { baseURL } from "../playwright.config";
import { routeFiles } from "../tests/app-routes";

test("every page and API route under app/ is in the access matrix", () => {
  const found = routeFiles().sort();
  expect(found, "a new route must be added to e2e/access-matrix.ts with the access it requires").toEqual(Object.keys(ROUTES).sort());
});

for (const who of [null, ...ROLES] as (Role | null)[]) {
  test(`what ${who ?? "a signed-out visitor"} gets from every route`, async () => {
    const ctx = await newRequest.newContext({ baseURL, storageState: who ? storageStateOf(who) : undefined });
    const failures: string[] = [];
    for (const [file, rule] of Object.entries(ROUTES)) {
      const res = await ctx.fetch(rule.url, { method: rule.method ?? "GET", maxRedirects: 0, data: rule.body });
      const status = res.status();
      const ok = allowed(rule, who);
      let good: boolean;
      if (ok) good = status === (rule.status ?? (rule.method === "OPTIONS" ? 204 : 200)) || (!!rule.redirects && status >= 300 && status < 400);
      else if (rule.kind === "api") {
        const code = status === 401 || status === 403 ? (await res.json()).error?.code : undefined;
        if (rule.access === "token") good = status === 401 && code === "invalid_token";
        else good = who ? status === 403 && code === "forbidden" : status === 401 && code === "unauthenticated";
      } else if (!who) good = status >= 300 && status < 400 && (res.headers().location ?? "").includes("/login");
      else good = status === 403;
      if (!good) failures.push(`${file} (${rule.url}): got ${status}, expected ${ok ? "access" : who ? "403" : "sign-in"}`);
    }
    await ctx.dispose();
    expect(failures).toEqual([]);
  });
}
