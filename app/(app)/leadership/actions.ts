"use server";
// Server actions of the leadership area: spend grid edits and CSV import (spend:write), metric
// settings (metrics:manage). Validation is the API's (lib/metrics/spend.ts): all or nothing, an error per row.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { metricSettings, saveMetricSettings } from "@/lib/data/metric-settings";
import { spendAt, writeSpend, type SpendWriteResult } from "@/lib/data/spend";
import { isMonth } from "@/lib/metrics/months";
import { metricSettingsSchema } from "@/lib/metrics/settings";
import { describeRowErrors, MAX_SPEND_ROWS, parseSpendCsv, spendKey, validateSpendRows, type RowError, type SpendInput } from "@/lib/metrics/spend";

const MAX_CSV_BYTES = 2 * 1024 * 1024;

const cellSchema = z.object({
  month: z.string(),
  channel: z.string(),
  source: z.string(),
  /** null: clear the cell. */
  amount: z.number().nullable(),
});

const cellsInput = z.object({ cells: z.array(cellSchema).min(1, "Change at least one cell").max(MAX_SPEND_ROWS) });

export interface SaveCellsResult extends SpendWriteResult {
  deleted: number;
}

/** Saves edited grid cells: amounts are upserted, cleared cells deleted, each change recorded. */
export const saveSpendCells = action("spend:write", cellsInput, async ({ cells }, _user, actor): Promise<SaveCellsResult> => {
  const { currency } = await metricSettings();
  const writes = cells.filter((c) => c.amount !== null);
  const clears = cells.filter((c) => c.amount === null);
  const checked = writes.length ? validateSpendRows(writes.map((c) => ({ month: c.month, channel: c.channel, source: c.source, amount: c.amount, currency })), currency) : { ok: true as const, rows: [] };
  const errors: RowError[] = checked.ok ? [] : checked.errors;
  const seen = new Set((checked.ok ? checked.rows : []).map(spendKey));
  clears.forEach((c, i) => {
    if (!isMonth(c.month)) errors.push({ row: writes.length + i + 1, errors: [`month must be YYYY-MM, got "${c.month}"`] });
    else if (seen.has(spendKey(c))) errors.push({ row: writes.length + i + 1, errors: ["is both set and cleared"] });
  });
  if (!checked.ok || errors.length) throw new ActionError("invalid_rows", `Nothing was saved: ${describeRowErrors(errors, 5, "cell")}`);
  const result = await writeSpend({ set: checked.rows, clear: clears }, actor, "grid");
  revalidatePath("/leadership");
  return result;
});

export interface ImportPreviewRow extends SpendInput {
  row: number;
  status: "new" | "changed" | "unchanged";
  oldAmount: number | null;
  oldCurrency: string | null;
}

export type ImportPreview = { ok: true; rows: ImportPreviewRow[] } | { ok: false; message: string; errors: RowError[] };

const csvInput = z.object({ csv: z.string().min(1, "Choose a CSV file").max(MAX_CSV_BYTES, "The file is over 2 MB; split it") });

async function checkCsv(csv: string, currency: string): Promise<{ ok: true; rows: SpendInput[] } | { ok: false; message: string; errors: RowError[] }> {
  const parsed = parseSpendCsv(csv);
  if (!parsed.ok) return { ok: false, message: parsed.error, errors: [] };
  const checked = validateSpendRows(parsed.records, currency);
  if (!checked.ok) {
    const bad = checked.errors.filter((e) => e.row > 0).length;
    return { ok: false, message: bad ? `${bad} of ${parsed.records.length} rows have problems; fix them and check again (nothing is imported until every row is good).` : describeRowErrors(checked.errors), errors: checked.errors };
  }
  return checked;
}

/** Reads and checks an import without writing: every row with what it would change, or every problem. */
export const previewSpendImport = action("spend:write", csvInput, async ({ csv }): Promise<ImportPreview> => {
  const { currency } = await metricSettings();
  const checked = await checkCsv(csv, currency);
  if (!checked.ok) return checked;
  const existing = new Map((await spendAt(checked.rows)).map((c) => [spendKey(c), c]));
  return {
    ok: true,
    rows: checked.rows.map((r, i) => {
      const old = existing.get(spendKey(r));
      const status = !old ? "new" : old.amount === r.amount && old.currency === r.currency ? "unchanged" : "changed";
      return { ...r, row: i + 1, status, oldAmount: old?.amount ?? null, oldCurrency: old?.currency ?? null };
    }),
  };
});

/** Imports a checked CSV, all rows or none. */
export const importSpend = action("spend:write", csvInput, async ({ csv }, _user, actor): Promise<SpendWriteResult> => {
  const { currency } = await metricSettings();
  const checked = await checkCsv(csv, currency);
  if (!checked.ok) throw new ActionError("invalid_rows", `Nothing was imported: ${checked.message}${checked.errors.length ? ` ${describeRowErrors(checked.errors)}` : ""}`);
  const { deleted: _none, ...result } = await writeSpend({ set: checked.rows, clear: [] }, actor, "csv");
  revalidatePath("/leadership");
  return result;
});

/** Saves the metric settings (gross margin arrives as a percentage from the form). */
export const saveMetricSettingsAction = action(
  "metrics:manage",
  metricSettingsSchema.omit({ grossMargin: true }).extend({
    grossMarginPercent: z.number({ error: "Gross margin must be a number" }).gt(0, "Gross margin must be above 0 %").max(100, "Gross margin is at most 100 %"),
  }),
  async ({ grossMarginPercent, ...rest }, _user, actor) => {
    await saveMetricSettings({ ...rest, grossMargin: Math.round(grossMarginPercent * 100) / 10_000 }, actor);
    revalidatePath("/leadership");
    return null;
  },
);
