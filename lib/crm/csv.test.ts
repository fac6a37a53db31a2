import { describe, expect, it } from "vitest";
import { csvCell, csvRow, csvStream, parseCsv } from "./csv";
import { contactCsvColumns } from "./csv-columns";

describe("csvCell", () => {
  const cases: [unknown, string][] = [
    [null, ""],
    [undefined, ""],
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1 555", "'+1 555"],
    ["-2", "'-2"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ['=HYPERLINK("x",1)', `"'=HYPERLINK(""x"",1)"`],
    ["a=b", "a=b"],
    [42, "42"],
    [-3, "-3"],
    [true, "true"],
    [new Date("2026-01-02T03:04:05.678Z"), "2026-01-02T03:04:05.678Z"],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => expect(csvCell(input as never)).toBe(expected));
  }
});

describe("csv rows", () => {
  it("ends rows with CRLF and reads back", () => {
    const text = csvRow(["id", "name"]) + csvRow(["1", 'Ada "Countess", of\r\nLovelace']) + csvRow(["2", "=cmd"]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([["id", "name"], ["1", 'Ada "Countess", of\r\nLovelace'], ["2", "'=cmd"]]);
  });

  it("streams a header then each batch, with labels beside ids", async () => {
    const row = {
      id: "c1", email: "a@x.com", firstName: "Ada", lastName: null, phone: null, jobTitle: null, companyId: "co1", companyName: "Acme, Inc.",
      ownerId: "u1", ownerName: "Sam", ownerEmail: "sam@t.local", lifecycleStage: "lead", lastInteractionAt: null, openTickets: 2, createdAt: new Date("2026-01-01T00:00:00Z"),
    };
    async function* batches() {
      yield [row];
      yield [{ ...row, id: "c2", firstName: "-Bob" }];
    }
    const text = await new Response(csvStream(contactCsvColumns(["name", "company", "owner", "openTickets"]), batches())).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["id", "first_name", "last_name", "company_id", "company_name", "owner_id", "owner_name", "owner_email", "open_tickets"]);
    expect(rows[1]).toEqual(["c1", "Ada", "", "co1", "Acme, Inc.", "u1", "Sam", "sam@t.local", "2"]);
    expect(rows[2]![1]).toBe("'-Bob");
    expect(rows).toHaveLength(3);
  });
});
