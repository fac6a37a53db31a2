import { describe, expect, it } from "vitest";
import { DEFAULT_CONTACT_COLUMNS, exportQuery, pageCount, parseCompaniesView, parseContactsView, serializeCompaniesView, serializeContactsView } from "./view";

describe("contacts view", () => {
  it("defaults an empty URL", () => {
    expect(parseContactsView({})).toEqual({
      page: 1, size: 50, sort: "lastInteraction", dir: "desc", q: "", owner: undefined, stage: [], company: undefined,
      lastFrom: undefined, lastTo: undefined, tickets: undefined, cols: [...DEFAULT_CONTACT_COLUMNS],
    });
    expect(serializeContactsView(parseContactsView({})).toString()).toBe("");
  });

  const cases: [string, Record<string, string | string[]>, Partial<ReturnType<typeof parseContactsView>>][] = [
    ["paging and sort", { page: "3", size: "100", sort: "name", dir: "asc" }, { page: 3, size: 100, sort: "name", dir: "asc" }],
    ["filters", { owner: "u_1", stage: "mql,lead,bogus,lead", company: "c-9", tickets: "open" }, { owner: "u_1", stage: ["mql", "lead"], company: "c-9", tickets: "open" }],
    ["dates", { lastFrom: "2026-01-31", lastTo: "2026-02-30x" }, { lastFrom: "2026-01-31", lastTo: undefined }],
    ["search trimmed", { q: "  ada  " }, { q: "ada" }],
    ["arrays take the first", { page: ["2", "5"] }, { page: 2 }],
    ["bad values fall back", { page: "-1", size: "7", sort: "password", dir: "up", owner: "x'; drop", tickets: "some" }, { page: 1, size: 50, sort: "lastInteraction", dir: "desc", owner: undefined, tickets: undefined }],
    ["columns keep table order, unknown dropped", { cols: "email,name,nope" }, { cols: ["name", "email"] }],
    ["no valid column → defaults", { cols: "nope" }, { cols: [...DEFAULT_CONTACT_COLUMNS] }],
  ];
  for (const [name, params, expected] of cases) {
    it(`parses ${name} and round-trips`, () => {
      const view = parseContactsView(params);
      expect(view).toMatchObject(expected);
      expect(parseContactsView(serializeContactsView(view))).toEqual(view);
      expect(parseContactsView(Object.fromEntries(serializeContactsView(view)))).toEqual(view);
    });
  }

  it("the export query drops paging only", () => {
    const qs = serializeContactsView(parseContactsView({ page: "4", size: "25", q: "x", cols: "name" }));
    expect(exportQuery(qs).toString()).toBe("q=x&cols=name");
  });
});

describe("companies view", () => {
  it("defaults to name ascending and round-trips", () => {
    expect(parseCompaniesView({})).toMatchObject({ sort: "name", dir: "asc", page: 1, size: 50 });
    const v = parseCompaniesView({ sort: "openTickets", dir: "desc", tickets: "none", q: "acme", cols: "name,contacts" });
    expect(v).toMatchObject({ sort: "openTickets", dir: "desc", tickets: "none", q: "acme", cols: ["name", "contacts"] });
    expect(parseCompaniesView(serializeCompaniesView(v))).toEqual(v);
  });
});

it("counts pages", () => {
  expect([pageCount(0, 50), pageCount(50, 50), pageCount(51, 50)]).toEqual([1, 1, 2]);
});
