// The API reference and the OpenAPI document, signed out: /docs/api reads as a page (sections,
// operations, tables, examples with this server's URL), /api/v1/openapi.json is served with an ETag,
// and the document's credential-less error examples get their documented answers from the running
// server (the collector in front of /v1/* included).
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";

interface Doc {
  openapi: string;
  servers: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; examples?: Record<string, { value: string }> }[];
        requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
        responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: { error?: { code: string } } }> }> }>;
        "x-request-examples": { name: string; status: number; credentials: string; contentType?: string }[];
      }
    >
  >;
}

test("a signed-out visitor reads the API reference", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "Tandem API reference" })).toBeVisible();
  for (const section of ["Authentication", "Errors", "Tracking API", "SDK settings", "Forms", "Profile API", "CRM export", "Metrics", "Analytics", "Spend", "Tokens"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  const track = page.getByRole("article", { name: "POST /v1/track" });
  await expect(track).toContainText("32 KB per message");
  await expect(track.getByRole("table", { name: "Request body fields of POST /v1/track" }).getByRole("rowheader", { name: "event" })).toBeVisible();
  await expect(track.getByText(`curl -X POST '${baseURL}/v1/track'`).first()).toBeVisible();

  const events = page.getByRole("article", { name: "GET /api/v1/profiles/{ref}/events" });
  const params = events.getByRole("table", { name: "Parameters of GET /api/v1/profiles/{ref}/events" });
  await expect(params.getByRole("columnheader", { name: "Required" })).toBeVisible();
  await expect(params.getByRole("row", { name: /limit/ })).toContainText("integer (1–200)");
  await expect(events).toContainText("profiles:read");
  await events.getByText("200 response JSON Schema").click();
  await expect(events.getByText('"has_more"').first()).toBeVisible();

  // The metrics API: its groupBy choices, who may call it, and the issue's row in the example answer.
  const cac = page.getByRole("article", { name: "GET /api/v1/metrics/cac" });
  await expect(cac.getByRole("table", { name: "Parameters of GET /api/v1/metrics/cac" }).getByRole("row", { name: /groupBy/ })).toContainText('"channel" | "month"');
  await expect(cac).toContainText("leadership:read");
  await cac.getByText("Response body").first().click();
  await expect(cac.getByText(/"channel": "Paid Social",\s+"paid": true,\s+"spend": 6000,\s+"newCustomers": 24,\s+"cac": 250/)).toBeVisible();
  await expect(page.getByRole("article", { name: "PUT /api/v1/spend" })).toContainText("invalid_rows");

  await page.getByRole("navigation", { name: "API sections" }).getByRole("link", { name: "Profile API" }).click();
  await expect(page).toHaveURL(/#profile-api$/);
  await page.getByRole("link", { name: "openapi.json" }).click();
  await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);
});

test("the OpenAPI document is served public, cacheable, and its examples hold against this server", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("public, max-age=300");
  const doc = (await res.json()) as Doc;
  expect(doc.openapi).toBe("3.1.1");
  expect(doc.servers[0]!.url).toBe(baseURL);
  const etag = res.headers()["etag"]!;
  expect((await request.get("/api/v1/openapi.json", { headers: { "If-None-Match": etag } })).status()).toBe(304);

  // Each error example that needs no credentials, sent as the document writes it.
  let replayed = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const e of op["x-request-examples"].filter((x) => x.credentials === "none" && x.status === 401)) {
        let url = path;
        const query = new URLSearchParams();
        for (const p of op.parameters ?? []) {
          const v = p.examples?.[e.name]?.value;
          if (v === undefined) continue;
          if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v));
          else query.set(p.name, v);
        }
        const body = e.contentType ? op.requestBody!.content[e.contentType]!.examples![e.name]!.value : undefined;
        const answer = await request.fetch(`${url}${query.size ? `?${query}` : ""}`, {
          method,
          headers: e.contentType ? { "Content-Type": e.contentType } : {},
          data: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(answer.status(), `${method} ${url} (${e.name})`).toBe(e.status);
        const documented = op.responses[String(e.status)]!.content!["application/json"]!.examples![e.name]!.value;
        expect((await answer.json()).error.code, `${method} ${url} (${e.name})`).toBe(documented.error!.code);
        replayed++;
      }
    }
  }
  expect(replayed).toBeGreaterThanOrEqual(13);
});
