// The leadership area's server actions on a real database: grid edits (set, change, clear — each
// recorded), CSV import all-or-nothing with a preview of what would change, and the metric settings.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test-database";
import { createUser } from "../../lib/data/users";
import { listSpend, spendHistory } from "../../lib/data/spend";
import { loadMetricSettings } from "../../lib/data/metric-settings";
import { importSpend, previewSpendImport, saveMetricSettingsAction, saveSpendCells } from "../../app/(app)/leadership/actions";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  session.userId = (await createUser({ email: "mia@x.test", name: "Mia Marketing", role: "marketing", password: "a long password" })).id;
});
afterAll(() => t.close());

describe("spend grid", () => {
  it("sets, changes and clears cells, recording each change with who did it", async () => {
    expect(await saveSpendCells({ cells: [{ month: "2025-01", channel: "Paid Search", source: "google", amount: 100 }, { month: "2025-01", channel: "Email", source: "", amount: 40 }] })).toEqual({
      ok: true,
      data: { received: 2, created: 2, updated: 0, unchanged: 0, deleted: 0 },
    });
    const res = await saveSpendCells({ cells: [{ month: "2025-01", channel: "Paid Search", source: "google", amount: 150.5 }, { month: "2025-01", channel: "Email", source: "", amount: null }] });
    expect(res).toEqual({ ok: true, data: { received: 1, created: 0, updated: 1, unchanged: 0, deleted: 1 } });
    expect((await listSpend("2025-01", "2025-01")).map((c) => [c.channel, c.source, c.amount])).toEqual([["Paid Search", "google", 150.5]]);
    const h = (await spendHistory()).rows;
    const row = (c: (typeof h)[number]) => [c.channel, c.oldAmount, c.newAmount, c.via, c.actorName];
    // Newest first: the clearing ran after the update; the first save's two rows came from one statement.
    expect(h.slice(0, 2).map(row)).toEqual([
      ["Email", 40, null, "grid", "Mia Marketing"],
      ["Paid Search", 100, 150.5, "grid", "Mia Marketing"],
    ]);
    expect(new Set(h.slice(2).map((c) => JSON.stringify(row(c))))).toEqual(
      new Set([JSON.stringify(["Email", null, 40, "grid", "Mia Marketing"]), JSON.stringify(["Paid Search", null, 100, "grid", "Mia Marketing"])]),
    );
  });

  it("saves nothing when one cell is wrong, and says which", async () => {
    const before = (await spendHistory()).rows.length;
    const res = await saveSpendCells({ cells: [{ month: "2025-02", channel: "Paid Search", source: "google", amount: 10 }, { month: "2025-02", channel: "Google Ads", source: "", amount: 5 }] });
    expect(res).toMatchObject({ ok: false, code: "invalid_rows", message: expect.stringMatching(/^Nothing was saved: cell 2: channel "Google Ads" is not a channel group/) });
    expect((await spendHistory()).rows.length).toBe(before);
  });
});

describe("CSV import", () => {
  const csv = "month,channel,source,amount\r\n2025-01,Paid Search,google,150.50\r\n2025-01,Paid Social,meta,900\r\n2025-02,Paid Search,google,175\r\n";

  it("previews what would change without writing", async () => {
    const res = await previewSpendImport({ csv });
    expect(res.ok && res.data.ok && res.data.rows.map((r) => [r.row, r.status, r.oldAmount])).toEqual([
      [1, "unchanged", 150.5],
      [2, "new", null],
      [3, "new", null],
    ]);
    expect(await listSpend("2025-02", "2025-02")).toEqual([]);
  });

  it("refuses a file with a bad row, naming every one, and imports nothing", async () => {
    const bad = `${csv}2025-13,Email,,5\r\n2025-03,Email,,-2\r\n`;
    const preview = await previewSpendImport({ csv: bad });
    expect(preview.ok && !preview.data.ok && preview.data.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(await importSpend({ csv: bad })).toMatchObject({ ok: false, code: "invalid_rows" });
    expect(await listSpend("2025-02", "2025-03")).toEqual([]);
  });

  it("imports a good file in one go", async () => {
    expect(await importSpend({ csv })).toEqual({ ok: true, data: { received: 3, created: 2, updated: 0, unchanged: 1 } });
    expect((await spendHistory()).rows[0]).toMatchObject({ via: "csv", actorName: "Mia Marketing" });
  });
});

describe("metric settings", () => {
  it("marketing may not change them; leadership may, with the margin as a percentage", async () => {
    expect(await saveMetricSettingsAction({ currency: "eur", grossMarginPercent: 72.5, monthlyOverhead: 1000, churnWindowMonths: 3, nrrWindowMonths: 12, realizedMonths: [6, 1, 6] })).toMatchObject({ ok: false, code: "forbidden" });
    session.userId = (await createUser({ email: "leo@x.test", name: "Leo Lead", role: "leadership", password: "a long password" })).id;
    expect(await saveMetricSettingsAction({ currency: "eur", grossMarginPercent: 72.5, monthlyOverhead: 1000, churnWindowMonths: 3, nrrWindowMonths: 12, realizedMonths: [6, 1, 6] })).toEqual({ ok: true, data: null });
    const stored = await loadMetricSettings();
    expect(stored).toMatchObject({ isDefault: false, updatedBy: "Leo Lead", settings: { currency: "EUR", grossMargin: 0.725, monthlyOverhead: 1000, churnWindowMonths: 3, nrrWindowMonths: 12, realizedMonths: [1, 6] } });
    const bad = await saveMetricSettingsAction({ currency: "euro", grossMarginPercent: 0, monthlyOverhead: -1, churnWindowMonths: 0, nrrWindowMonths: 12, realizedMonths: [] });
    expect(bad).toMatchObject({ ok: false, code: "invalid_input" });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["churnWindowMonths", "currency", "grossMarginPercent", "monthlyOverhead", "realizedMonths"]);
  });
});
