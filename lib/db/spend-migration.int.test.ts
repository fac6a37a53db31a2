// The leadership migration maps today's ad-platform spend rows to channel group + source: its UPDATE
// statements, run over rows written the old way, give the mapping and lose no row.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/test-database";
import { CHANNELS } from "../analytics/channel";

const FILE = path.resolve("prisma/migrations/20261206300000_leadership_metrics/migration.sql");
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("marketing_spend migration", () => {
  it("maps Google Ads, Meta and LinkedIn as the issue says and keeps any other row under Paid Other", async () => {
    const sql = fs.readFileSync(FILE, "utf8");
    const updates = sql.match(/^UPDATE "marketing_spend"[\s\S]*?;$/gm) ?? [];
    expect(updates).toHaveLength(4);
    // Rows as the old schema held them: the platform in `channel`, no source.
    await t.db.$executeRawUnsafe(`INSERT INTO marketing_spend (channel, month, amount) VALUES
      ('Google Ads', '2025-01-01', 100), ('Meta', '2025-01-01', 200), ('LinkedIn', '2025-01-01', 300),
      ('Google Ads', '2025-02-01', 110), ('Twitter Ads', '2025-01-01', 40), ('Email', '2025-01-01', 50)`);
    for (const u of updates) await t.db.$executeRawUnsafe(u);
    const rows = await t.db.$queryRawUnsafe<{ month: string; channel: string; source: string; amount: string }[]>(
      `SELECT to_char(month, 'YYYY-MM') AS month, channel, source, amount::text AS amount FROM marketing_spend ORDER BY month, marketing_spend.amount`,
    );
    expect(rows).toEqual([
      { month: "2025-01", channel: "Paid Other", source: "Twitter Ads", amount: "40.00" },
      { month: "2025-01", channel: "Email", source: "", amount: "50.00" },
      { month: "2025-01", channel: "Paid Search", source: "google", amount: "100.00" },
      { month: "2025-01", channel: "Paid Social", source: "meta", amount: "200.00" },
      { month: "2025-01", channel: "Paid Social", source: "linkedin", amount: "300.00" },
      { month: "2025-02", channel: "Paid Search", source: "google", amount: "110.00" },
    ]);
    // The migration's list of channel groups is lib/analytics/channel.ts's.
    const listed = /NOT IN \(([^)]*)\)/.exec(sql)![1]!.match(/'[^']*'/g)!.map((s) => s.slice(1, -1));
    expect(listed).toEqual([...CHANNELS]);
  });

  it("holds one row per month, channel and source, a missing source included", async () => {
    await t.db.$executeRawUnsafe(`INSERT INTO marketing_spend (channel, month, amount) VALUES ('Display', '2025-03-01', 1)`);
    await expect(t.db.$executeRawUnsafe(`INSERT INTO marketing_spend (channel, month, amount) VALUES ('Display', '2025-03-01', 2)`)).rejects.toThrow();
  });
});
