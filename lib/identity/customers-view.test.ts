import { describe, expect, it } from "vitest";
import { DEFAULT_CUSTOMER_COLUMNS, parseCustomersView, profileDisplayName, serializeCustomersView } from "./customers-view";

describe("customers view", () => {
  it("defaults an empty URL", () => {
    expect(parseCustomersView({})).toEqual({ page: 1, size: 50, sort: "lastSeen", dir: "desc", q: "", cols: [...DEFAULT_CUSTOMER_COLUMNS] });
    expect(serializeCustomersView(parseCustomersView({})).toString()).toBe("");
  });

  const cases: [string, Record<string, string | string[]>, Partial<ReturnType<typeof parseCustomersView>>][] = [
    ["paging and sort", { page: "3", size: "100", sort: "revenue", dir: "asc" }, { page: 3, size: 100, sort: "revenue", dir: "asc" }],
    ["search trimmed", { q: "  ann@  " }, { q: "ann@" }],
    ["arrays take the first", { sort: ["events", "name"] }, { sort: "events" }],
    ["bad values fall back", { page: "0", size: "9", sort: "password", dir: "sideways" }, { page: 1, size: 50, sort: "lastSeen", dir: "desc" }],
    ["columns keep table order, unknown dropped", { cols: "revenue,name,nope" }, { cols: ["name", "revenue"] }],
    ["no valid column → defaults", { cols: "nope" }, { cols: [...DEFAULT_CUSTOMER_COLUMNS] }],
  ];
  for (const [name, params, expected] of cases) {
    it(`parses ${name} and round-trips`, () => {
      const view = parseCustomersView(params);
      expect(view).toMatchObject(expected);
      expect(parseCustomersView(serializeCustomersView(view))).toEqual(view);
    });
  }
});

describe("profileDisplayName", () => {
  const cases: [string, Record<string, unknown>, string | null, string | null, string][] = [
    ["the name trait", { name: " Ann Lee ", first_name: "X" }, "a@x.io", "u1", "Ann Lee"],
    ["first and last name", { first_name: "Ann", last_name: "Lee" }, "a@x.io", "u1", "Ann Lee"],
    ["Segment's camelCase names", { firstName: "Ann" }, null, null, "Ann"],
    ["an email identifier", { name: "" }, "a@x.io", "u1", "a@x.io"],
    ["the email trait", { email: "t@x.io" }, null, "u1", "t@x.io"],
    ["the user id", { name: 42 }, null, "u1", "u1"],
    ["the short profile id", {}, null, null, "Profile 3f2a9c1e"],
  ];
  for (const [name, traits, email, userId, expected] of cases) {
    it(`uses ${name}`, () => {
      expect(profileDisplayName(traits, email, userId, "3f2a9c1e-0000-4000-8000-000000000001")).toBe(expected);
    });
  }
});
