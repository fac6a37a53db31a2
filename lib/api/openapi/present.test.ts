import { describe, expect, it } from "vitest";
import type { OpenApiOperation } from "./build";
import { curlOf, exampleRequestOf, fieldRows, textParts, typeOf } from "./present";
import { openApiDocument } from "./registry";

describe("typeOf", () => {
  it.each([
    [{}, "any"],
    [{ description: "x" }, "any"],
    [{ type: "string" }, "string"],
    [{ type: "string", format: "date-time" }, "string (date-time)"],
    [{ type: "string", minLength: 1, maxLength: 512 }, "string (1–512 chars)"],
    [{ type: ["string", "number", "null"] }, "string | number | null"],
    [{ type: "integer", minimum: 1, maximum: 200 }, "integer (1–200)"],
    [{ type: "integer", minimum: 0 }, "integer (≥ 0)"],
    [{ type: "string", const: "track" }, '"track"'],
    [{ type: "string", enum: ["json", "csv"] }, '"json" | "csv"'],
    [{ anyOf: [{ type: "string" }, { type: "null" }] }, "string | null"],
    [{ type: "array", items: { type: "object" } }, "array of object"],
    [{ type: "array" }, "array of any"],
    [{ $ref: "#/components/schemas/Error" }, "Error"],
  ])("%j → %s", (schema, expected) => {
    expect(typeOf(schema)).toBe(expected);
  });
});

describe("fieldRows", () => {
  it("lists an object's fields with their type, whether required, and defaults", () => {
    expect(
      fieldRows({
        type: "object",
        properties: { limit: { type: "integer", default: 20, description: "Per page." }, next: { type: "string" } },
        required: ["next"],
      }),
    ).toEqual([
      { name: "limit", type: "integer", required: false, description: "Per page. Default: 20." },
      { name: "next", type: "string", required: true, description: "" },
    ]);
  });
});

describe("textParts", () => {
  it("splits code spans out of text", () => {
    expect(textParts("Send `writeKey` in the body or `-u`")).toEqual([
      { code: false, text: "Send " },
      { code: true, text: "writeKey" },
      { code: false, text: " in the body or " },
      { code: true, text: "-u" },
    ]);
    expect(textParts("<b>plain</b>")).toEqual([{ code: false, text: "<b>plain</b>" }]);
  });
});

describe("example requests", () => {
  const doc = openApiDocument("https://t.example");
  const find = (path: string, method: string, name: string) => {
    const op = doc.paths[path]![method]! as OpenApiOperation;
    return { op, example: op["x-request-examples"].find((e) => e.name === name)! };
  };

  it("fills path and query from the parameters' examples, encoded", () => {
    const { op, example } = find("/api/v1/profiles/{ref}/events", "get", "latest");
    expect(exampleRequestOf("/api/v1/profiles/{ref}/events", op, example)).toEqual({ url: "/api/v1/profiles/user_id%3Au-42/events?limit=2" });
  });

  it("writes a Tracking API call with the write key as the Basic user", () => {
    const { op, example } = find("/v1/track", "post", "call");
    expect(curlOf("https://t.example", "/v1/track", "post", op, example)).toBe(
      [
        "curl -X POST 'https://t.example/v1/track'",
        '-u "$WRITE_KEY:"',
        "-H 'Content-Type: application/json'",
        `-d '{"userId":"u-42","event":"Order Completed","properties":{"revenue":129.5,"currency":"USD","plan":"pro"}}'`,
      ].join(" \\\n  "),
    );
  });

  it("writes token calls with a Bearer header, and none when the example goes without", () => {
    const valid = find("/api/v1/token", "get", "valid");
    expect(curlOf("https://t.example", "/api/v1/token", "get", valid.op, valid.example)).toBe(`curl 'https://t.example/api/v1/token' \\\n  -H "Authorization: Bearer $TANDEM_TOKEN"`);
    const none = find("/api/v1/token", "get", "missingToken");
    expect(curlOf("https://t.example", "/api/v1/token", "get", none.op, none.example)).toBe("curl 'https://t.example/api/v1/token'");
  });

  it("writes a session-only call with the session cookie, never a token", () => {
    const { op, example } = find("/api/v1/analytics/audiences/{id}", "delete", "delete");
    const curl = curlOf("https://t.example", "/api/v1/analytics/audiences/{id}", "delete", op, example);
    expect(curl).toMatch(/^curl -X DELETE 'https:\/\/t\.example\/api\/v1\/analytics\/audiences\/[0-9a-f-]+' \\\n {2}-b "next-auth\.session-token=\$SESSION_COOKIE"$/);
    expect(curl).not.toContain("Authorization");
  });

  it("writes an HTML form post field by field, and quotes single quotes for the shell", () => {
    const { op, example } = find("/api/v1/forms/{formId}", "post", "htmlForm");
    expect(curlOf("https://t.example", "/api/v1/forms/{formId}", "post", op, example)).toContain("--data-urlencode 'name=Bob Stone'");
    const json = find("/api/v1/forms/{formId}", "post", "json");
    const twisted = structuredClone(json.op);
    (twisted.requestBody!.content["application/json"]!.examples!.json!.value as Record<string, string>).message = "it's";
    expect(curlOf("https://t.example", "/api/v1/forms/{formId}", "post", twisted, json.example)).toContain(`"message":"it'\\''s"`);
  });
});
