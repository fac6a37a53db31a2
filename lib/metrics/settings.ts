// The metric settings leadership and admins edit: reporting currency, gross margin, the monthly
// sales-and-marketing overhead that blended CAC adds to media spend, and the windows (customer churn
// averaged over N complete months, net revenue retention over N months, realized LTV after N months).
// Pure: the shape, its defaults and validation; lib/data/metric-settings.ts stores it.
import { z } from "zod";

export interface MetricSettings {
  /** ISO 4217 code; revenue and spend in any other currency are left out (and reported as such). */
  currency: string;
  /** Gross margin as a fraction, 0 < m ≤ 1. */
  grossMargin: number;
  /** Sales-and-marketing cost beyond media spend, per month, in the reporting currency. */
  monthlyOverhead: number;
  /** Customer churn is the mean of the monthly rates over this many complete months. */
  churnWindowMonths: number;
  /** Net revenue retention looks back this many months. */
  nrrWindowMonths: number;
  /** Realized LTV is shown after each of these many months since acquisition. */
  realizedMonths: number[];
}

export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  currency: "USD",
  grossMargin: 0.8,
  monthlyOverhead: 0,
  churnWindowMonths: 6,
  nrrWindowMonths: 12,
  realizedMonths: [1, 3, 6, 12],
};

/** Fewer customers than this behind a figure earns it a warning: it moves a lot with one customer. */
export const MIN_CUSTOMERS = 30;

export const metricSettingsSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "The reporting currency is a three-letter ISO 4217 code such as USD or EUR"),
  grossMargin: z.number({ error: "Gross margin must be a number" }).gt(0, "Gross margin must be above 0 %").max(1, "Gross margin is at most 100 %"),
  monthlyOverhead: z.number({ error: "Overhead must be a number" }).min(0, "Overhead cannot be negative").max(1e11, "Overhead is at most 100,000,000,000 a month"),
  churnWindowMonths: z.int("The churn window is a whole number of months").min(1, "The churn window is at least 1 month").max(24, "The churn window is at most 24 months"),
  nrrWindowMonths: z.int("The NRR window is a whole number of months").min(1, "The NRR window is at least 1 month").max(36, "The NRR window is at most 36 months"),
  realizedMonths: z
    .array(z.int("Realized LTV horizons are whole months").min(1, "A realized LTV horizon is at least 1 month").max(60, "A realized LTV horizon is at most 60 months"))
    .min(1, "Give at least one realized LTV horizon")
    .max(6, "Give at most six realized LTV horizons")
    .transform((a) => [...new Set(a)].sort((x, y) => x - y)),
});

/** The settings a stored value stands for: itself when valid, else the defaults (never throws). */
export function metricSettingsFrom(value: unknown): MetricSettings {
  const parsed = value == null ? null : metricSettingsSchema.safeParse(value);
  const s = parsed?.success ? parsed.data : DEFAULT_METRIC_SETTINGS;
  return { ...s, realizedMonths: [...s.realizedMonths] };
}
