// The metric settings (reporting currency, gross margin, overhead, windows), stored as one `settings`
// row (key `metric_settings`; no row = the defaults). Edited by leadership and admins (metrics:manage).
import "server-only";
import { db } from "../db/prisma";
import type { AuditActor } from "../audit/actions";
import { saveSetting } from "./settings";
import { metricSettingsFrom, metricSettingsSchema, type MetricSettings } from "../metrics/settings";

export const METRIC_SETTINGS_KEY = "metric_settings";

export interface StoredMetricSettings {
  settings: MetricSettings;
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function loadMetricSettings(): Promise<StoredMetricSettings> {
  const row = await db().setting.findUnique({ where: { key: METRIC_SETTINGS_KEY }, select: { value: true, updatedAt: true, updatedById: true } });
  if (!row || !metricSettingsSchema.safeParse(row.value).success) return { settings: metricSettingsFrom(null), isDefault: true, updatedAt: null, updatedBy: null };
  const user = row.updatedById ? await db().user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
  return { settings: metricSettingsFrom(row.value), isDefault: false, updatedAt: row.updatedAt, updatedBy: user?.name ?? null };
}

export async function metricSettings(): Promise<MetricSettings> {
  return (await loadMetricSettings()).settings;
}

const METRIC_SETTING = {
  key: METRIC_SETTINGS_KEY,
  label: "Metric settings",
  current: metricSettingsFrom,
};

export async function saveMetricSettings(settings: MetricSettings, actor: AuditActor): Promise<void> {
  await saveSetting(METRIC_SETTING, metricSettingsSchema.parse(settings), actor, "metric_settings.updated");
}
