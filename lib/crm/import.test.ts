import { describe, expect, it } from "vitest";
import { chunkRows, cleanCell, duplicateTargets, errorReportRows, findDuplicateRows, mapRows, parseStage, suggestMapping, validateCompanyRow, validateContactRow } from "./import";
import { EXPORT_COLUMNS } from "./export";

describe("suggestMapping", () => {
  it.each([
    ["contacts", ["Email", "E-mail"], ["email", null]],
    ["contacts", ["E-mail", "First name", "Last Name", "Company", "Owner email", "Lifecycle stage", "Phone", "Job title"], ["email", "firstName", "lastName", "company", "ownerEmail", "lifecycleStage", "phone", "jobTitle"]],
    ["contacts", ["email_address", "given name", "surname", "organisation", "mobile", "title"], ["email", "firstName", "lastName", "company", "phone", "jobTitle"]],
    ["contacts", ["domain", "notes"], ["company", null]],
    ["companies", ["Company name", "Website", "Industry", "Employees", "Company owner"], ["name", "domain", "industry", "size", "ownerEmail"]],
    ["companies", ["id", "name", "domain"], ["id", "name", "domain"]],
  ] as const)("%s %j", (kind, headers, expected) => {
    expect(suggestMapping(kind, headers)).toEqual(expected);
  });

  it("maps an export's own columns back (ids beside labels are ignored)", () => {
    expect(suggestMapping("contacts", EXPORT_COLUMNS.contacts)).toEqual(["id", "email", "firstName", "lastName", "phone", "jobTitle", null, "company", null, "ownerEmail", "lifecycleStage", null, null, null]);
    expect(suggestMapping("companies", EXPORT_COLUMNS.companies)).toEqual(["id", "name", "domain", "industry", "size", null, "ownerEmail", null, null]);
  });

  it("finds a target chosen twice", () => {
    expect(duplicateTargets(["email", "email", null, "phone"])).toEqual(["email"]);
  });
});

describe("rows", () => {
  it("maps cells, numbers rows from the header as row 1, skips empty rows, strips the export's formula guard", () => {
    const rows = mapRows([["E", "Phone", "x"], ["a@b.co", "'+1 555", "y"], ["", "", ""], ["c@d.co", "2", "z"]], ["email", "phone", null]);
    expect(rows).toEqual([{ row: 2, fields: { email: "a@b.co", phone: "+1 555" } }, { row: 4, fields: { email: "c@d.co", phone: "2" } }]);
    expect(cleanCell("'hello")).toBe("'hello");
    expect(cleanCell("  '=x ")).toBe("=x");
  });

  it("chunks by rows and by size", () => {
    const rows = Array.from({ length: 1201 }, (_, i) => ({ row: i + 2, fields: { email: `u${i}@x.co` } }));
    expect(chunkRows(rows).map((c) => c.length)).toEqual([500, 500, 201]);
    expect(chunkRows(rows, 500, 1000).every((c) => JSON.stringify(c).length <= 1100)).toBe(true);
  });

  it("finds duplicates within a file by email, domain or id", () => {
    const rows = [{ row: 2, fields: { email: "A@x.co" } }, { row: 3, fields: { email: "a@x.co" } }, { row: 4, fields: {} }, { row: 5, fields: {} }];
    expect([...findDuplicateRows("contacts", rows)]).toEqual([[3, 2]]);
    expect([...findDuplicateRows("companies", [{ row: 2, fields: { domain: "https://www.Acme.com" } }, { row: 3, fields: { domain: "acme.com" } }])]).toEqual([[3, 2]]);
  });

  it("writes the error report", () => {
    expect(errorReportRows([{ row: 3, outcome: "reject", errors: ["a", "b"], notes: [] }, { row: 4, outcome: "create", errors: [], notes: [] }])).toEqual([["row", "reason"], ["3", "a; b"]]);
  });
});

describe("validateContactRow", () => {
  it.each([
    [{ email: "Ada@Example.com", firstName: "Ada" }, true, { email: "ada@example.com", firstName: "Ada" }],
    [{ email: "not-an-email" }, false, /Email: Enter a valid email/],
    [{ phone: "123" }, false, /email address or a name/],
    [{ id: "c1", phone: "555 1234" }, true, { phone: "555 1234" }],
    [{ email: "a@b.co", lifecycleStage: "Customer" }, true, { email: "a@b.co", lifecycleStage: "customer" }],
    [{ email: "a@b.co", lifecycleStage: "MQL" }, true, { email: "a@b.co", lifecycleStage: "mql" }],
    [{ email: "a@b.co", lifecycleStage: "hot" }, false, /Lifecycle stage: "hot"/],
    [{ email: "a@b.co", phone: "call me" }, false, /Phone: Use digits/],
    [{ email: "a@b.co", ownerEmail: "nobody" }, false, /Owner email/],
    [{ email: "a@b.co", firstName: "" }, true, { email: "a@b.co" }],
  ] as const)("%j", (fields, ok, expected) => {
    const v = validateContactRow(fields);
    expect(v.ok).toBe(ok);
    if (v.ok) expect(v.values).toEqual(expected);
    else expect(v.errors.join("; ")).toMatch(expected as RegExp);
  });

  it("parses stages by key or label", () => {
    expect(parseStage("Opportunity")).toBe("opportunity");
    expect(parseStage(" sql ")).toBe("sql");
    expect(parseStage("nope")).toBeNull();
  });
});

describe("validateCompanyRow", () => {
  it.each([
    [{ name: "Acme", domain: "https://www.Acme.com/about" }, true, { name: "Acme", domain: "acme.com" }],
    [{ name: "Acme", domain: "not a domain" }, false, /Domain/],
    [{ domain: "acme.com" }, true, { domain: "acme.com" }],
    [{ name: "x".repeat(201) }, false, /Name: Use at most 200/],
  ] as const)("%j", (fields, ok, expected) => {
    const v = validateCompanyRow(fields);
    expect(v.ok).toBe(ok);
    if (v.ok) expect(v.values).toEqual(expected);
    else expect(v.errors.join("; ")).toMatch(expected as RegExp);
  });
});
