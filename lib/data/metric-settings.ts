// The metric settings (reporting currency, gross margin, overhead, windows), stored as one `settings`
// row (key `metric_settings`; no row = the defaults). Edited by leadership and admins (metrics:manage).
import "server-only";
import type { AuditActor } from "../audit/actions";
import { loadSetting, saveSetting, type StoredSetting } from "./settings";
import { metricSettingsFrom, metricSettingsSchema, type MetricSettings } from "../metrics/settings";

export const METRIC_SETTINGS_KEY = "metric_settings";

export interface StoredMetricSettings extends Omit<StoredSetting<MetricSettings>, "value"> {
  settings: MetricSettings;
}

const METRIC_SETTING = {
  key: METRIC_SETTINGS_KEY,
  label: "Metric settings",
  current: metricSettingsFrom,
  schema: metricSettingsSchema,
};

export async function loadMetricSettings(): Promise<StoredMetricSettings> {
  const { value: settings, ...rest } = await loadSetting(METRIC_SETTING);
  return { settings, ...rest };
}

export async function metricSettings(): Promise<MetricSettings> {
  return (await loadMetricSettings()).settings;
}

export async function saveMetricSettings(settings: MetricSettings, actor: AuditActor): Promise<void> {
  await saveSetting(METRIC_SETTING, metricSettingsSchema.parse(settings), actor, "metric_settings.updated");
}
