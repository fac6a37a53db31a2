// The metrics API's operations (app/api/v1/metrics/*): CAC, LTV and MRR movements as the leadership
// dashboard computes them, each result beside its inputs. A staff session with leadership:read (the
// dashboard's own use) or a token with metrics:read. The example bodies are the real computation
// (lib/metrics/aggregate.ts, then compute.ts, then api.ts) on a small company stated below.
import { z } from "zod";
import { cacQuery, ltvQuery, metricQuery } from "../metrics";
import { aggregate } from "../../metrics/aggregate";
import { cacResponse, CAC_GROUPS, LTV_GROUPS, ltvResponse, mrrResponse } from "../../metrics/api";
import { computeDashboard } from "../../metrics/compute";
import { addCalendarMonths } from "../../metrics/months";
import { MOVEMENTS, type MetricFacts, type Payment, type PersonFacts } from "../../metrics/model";
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from "../../metrics/settings";
import { defineOperation } from "../operation";
import { invalidRequestError, missingScopeExample, noCredentialsExample, rangeRefusalExample, sessionOrTokenErrors, yearMonth } from "./common";

const SCOPE = "metrics:read";
const access = { session: "leadership:read", token: SCOPE } as const;
const AUTH = "A staff session with `leadership:read` (the dashboard's own calls) or an API token with `metrics:read`.";

// ───────────────────────────── response schemas ─────────────────────────────

const count = () => z.number().int().min(0);
const amount = () => z.number().describe("In the reporting currency.");
const maybe = (what: string) => z.number().nullable().describe(what);
const channel = () => z.string().describe("A channel group (GA4's default channel groups); a customer's is their first touch.");
const cac = () => maybe("Cost ÷ new customers; null without cost (organic) or without new customers.");

const envelope = {
  from: yearMonth(),
  to: yearMonth(),
  channels: z.array(z.string()).nullable().describe("The channel filter; null: every channel."),
  currency: z.string().describe("The reporting currency (ISO 4217): every amount is in it."),
  currentMonth: yearMonth().describe("This month: its figures are to date."),
  excluded: z
    .array(z.strictObject({ currency: z.string(), revenue: z.number(), spend: z.number() }))
    .describe("Revenue and spend recorded in other currencies, left out of every figure."),
  settings: z
    .strictObject({
      currency: z.string(),
      grossMargin: z.number(),
      monthlyOverhead: z.number(),
      churnWindowMonths: count(),
      nrrWindowMonths: count(),
      realizedMonths: z.array(count()),
    })
    .describe("The metric settings the figures were computed with (leadership edits them in the dashboard)."),
  definition: z.string().describe("The formulas, in words."),
};

const blended = z.strictObject({ spend: amount(), overhead: amount(), newCustomers: count(), cac: cac() });
const paid = z.strictObject({ spend: amount(), newCustomers: count(), cac: cac() }).describe("The Paid…, Display and Cross-network channels only.");

const cacByChannel = z
  .strictObject({ channel: channel(), paid: z.boolean(), spend: amount(), newCustomers: count(), cac: cac() })
  .describe("groupBy=channel: a channel over the range.");
const cacByMonth = z
  .strictObject({
    month: yearMonth(),
    spend: amount(),
    overhead: amount(),
    newCustomers: count(),
    cac: cac(),
    channels: z.array(z.strictObject({ channel: channel(), spend: amount(), newCustomers: count(), cac: cac() })),
  })
  .describe("groupBy=month: a month, blended, with its channels.");

const cacResponseSchema = z.strictObject({
  ...envelope,
  groupBy: z.enum(CAC_GROUPS),
  rows: z.array(z.union([cacByChannel, cacByMonth])).describe("One per channel (groupBy=channel) or per month (groupBy=month)."),
  blended: blended.describe("All spend plus the overhead for each month (none with a channel filter) ÷ all new customers."),
  paid,
  previous: z.strictObject({ from: yearMonth(), to: yearMonth(), blended, paid }).describe("The same figures for the range of equal length just before."),
});

const realized = {
  months: count().describe("After this many months since acquisition."),
  customers: count().describe("Customers of the cohorts that have completed those months."),
  revenue: amount(),
  ltv: maybe("Revenue in those months × gross margin ÷ customers."),
};
const churnMonth = z.strictObject({ month: yearMonth(), base: count(), churned: count(), rate: z.number().nullable() });

const ltvByChannel = z
  .strictObject({
    channel: channel(),
    payingCustomers: count(),
    mrr: amount(),
    arpa: maybe("MRR ÷ paying customers."),
    churn: maybe("Mean monthly customer churn over the churn window."),
    churnCustomers: count(),
    grossMargin: z.number(),
    ltv: maybe("ARPA × gross margin ÷ churn; null when churn is 0."),
    spend: amount(),
    newCustomers: count(),
    cac: cac(),
    ltvToCac: z.number().nullable(),
    paybackMonths: maybe("CAC ÷ (ARPA × gross margin)."),
    realized: z.array(z.strictObject(realized)),
  })
  .describe("groupBy=channel: an acquisition channel.");
const ltvByCohort = z
  .strictObject({
    cohort: yearMonth().describe("The acquisition month."),
    customers: count(),
    spend: amount(),
    overhead: amount(),
    cac: cac(),
    realized: z.array(z.strictObject({ ...realized, ltvToCac: z.number().nullable() })),
    retention: z
      .array(z.strictObject({ age: count(), month: yearMonth(), partial: z.boolean(), mrr: amount(), payingCustomers: count(), retention: maybe("MRR now ÷ MRR at the end of the cohort month.") }))
      .describe("The cohort's MRR by months since acquisition."),
  })
  .describe("groupBy=cohort: an acquisition cohort.");

const ltvResponseSchema = z.strictObject({
  ...envelope,
  groupBy: z.enum(LTV_GROUPS),
  rows: z.array(z.union([ltvByChannel, ltvByCohort])).describe("One per acquisition channel (groupBy=channel) or cohort month (groupBy=cohort)."),
  overall: z.strictObject({
    payingCustomers: count(),
    mrr: amount(),
    arpa: z.number().nullable(),
    churn: z.number().nullable(),
    churnMonths: z.array(churnMonth).describe("The churn window's months the churn is the mean of."),
    grossMargin: z.number(),
    ltv: z.number().nullable(),
    cac: cac(),
    ltvToCac: z.number().nullable(),
    paybackMonths: z.number().nullable(),
  }),
});

const movements = <T extends z.ZodType>(value: () => T) => Object.fromEntries(MOVEMENTS.map((m) => [m, value()])) as Record<(typeof MOVEMENTS)[number], T>;

const mrrResponseSchema = z.strictObject({
  ...envelope,
  rows: z.array(
    z.strictObject({
      month: yearMonth(),
      partial: z.boolean().describe("The current month: MRR as of now."),
      mrr: amount(),
      arr: amount(),
      payingCustomers: count(),
      arpa: z.number().nullable(),
      ...movements(() => z.number().min(0).describe("MRR moved (a magnitude).")),
      netNew: z.number().describe("new + expansion + reactivation − contraction − churn."),
      movementCustomers: z.strictObject(movements(count)),
      customersBefore: count().describe("Customers paying the month before."),
      churnedCustomers: count(),
      customerChurn: maybe("churnedCustomers ÷ customersBefore."),
      revenue: amount(),
    }),
  ),
  summary: z.strictObject({
    mrr: amount(),
    arr: amount(),
    payingCustomers: count(),
    arpa: z.number().nullable(),
    nrr: z
      .strictObject({ value: z.number().nullable(), startMonth: yearMonth(), startMrr: amount(), retainedMrr: amount(), customers: count(), windowMonths: count() })
      .describe("Net revenue retention over the NRR window, ending at the range's last month."),
    churn: z.strictObject({ rate: z.number().nullable(), months: z.array(churnMonth) }),
  }),
});

// ───────────────────────────── examples ─────────────────────────────

const RANGE = { from: "2026-01", to: "2026-03" };

/** `n` customers from `channel`, each acquired at `iso` and paying `dollars` monthly until `lastIso` (default: now). */
function customers(prefix: string, channel: string, n: number, iso: string, dollars: number, now: number, lastIso?: string): PersonFacts[] {
  const start = Date.parse(iso);
  const last = lastIso ? Date.parse(lastIso) : now;
  const payments: Payment[] = [];
  for (let k = 0, t = start; t <= last; t = addCalendarMonths(start, ++k)) payments.push({ at: t, cents: dollars * 100, currency: "USD", periodMonths: 1 });
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, channel, customerAt: start, payments }));
}

/**
 * A small company on 2 April 2026: 24 customers from Paid Social in March ($6,000 spent there: CAC
 * 250), 10 from Paid Search in February ($4,000), 6 from Organic Search in January, 2 of whom stop.
 */
const EXAMPLE_NOW = Date.parse("2026-04-02T12:00:00Z");
const EXAMPLE_FACTS: MetricFacts = {
  now: EXAMPLE_NOW,
  people: [
    ...customers("social-", "Paid Social", 24, "2026-03-10T09:00:00Z", 49, EXAMPLE_NOW),
    ...customers("search-", "Paid Search", 10, "2026-02-12T09:00:00Z", 99, EXAMPLE_NOW),
    ...customers("organic-", "Organic Search", 4, "2026-01-20T09:00:00Z", 49, EXAMPLE_NOW),
    ...customers("lapsed-", "Organic Search", 2, "2026-01-20T09:00:00Z", 49, EXAMPLE_NOW, "2026-02-20T09:00:00Z"),
  ],
  spend: [
    { month: "2026-03", channel: "Paid Social", source: "facebook", cents: 600_000, currency: "USD" },
    { month: "2026-02", channel: "Paid Search", source: "google", cents: 400_000, currency: "USD" },
  ],
};
const EXAMPLE_SETTINGS: MetricSettings = DEFAULT_METRIC_SETTINGS;

const EXAMPLE_DASHBOARD = computeDashboard(
  aggregate(EXAMPLE_FACTS, { currency: EXAMPLE_SETTINGS.currency, nrrWindowMonths: EXAMPLE_SETTINGS.nrrWindowMonths }),
  EXAMPLE_SETTINGS,
  { ...RANGE, channels: null },
);

const fromAfterTo = () => rangeRefusalExample("fromAfterTo", "`from` after `to`", { from: "2026-03", to: "2026-01" });
const malformedMonth = () => rangeRefusalExample("malformedMonth", "A month not written YYYY-MM", { from: "2026-1" });
const unknownChannel = () => rangeRefusalExample("unknownChannel", "A channel that is not a channel group", { ...RANGE, channel: "Facebook Ads" });
const refusedCredentials = (query: Record<string, string>) => [noCredentialsExample(SCOPE, undefined, query), missingScopeExample(SCOPE, undefined, query)];

const RANGE_NOTE = "The range is whole calendar months (UTC); the current month is partial and counts to now.";

export const cacOperation = defineOperation({
  method: "GET",
  path: "/api/v1/metrics/cac",
  operationId: "getCac",
  tag: "Metrics",
  summary: "Customer acquisition cost",
  description:
    "CAC = spend ÷ new customers, by channel or by month, each row carrying the spend and the new customers it divides (e.g. `{\"channel\":\"Paid Social\",\"spend\":6000,\"newCustomers\":24,\"cac\":250}`); " +
    `with blended (all spend plus the monthly overhead) and paid CAC over the range and the range before. ${RANGE_NOTE} ${AUTH}`,
  access,
  query: cacQuery,
  responses: { 200: { description: "CAC with its inputs.", content: { "application/json": cacResponseSchema } } },
  errors: { 400: ["invalid_range", "invalid_request"], ...sessionOrTokenErrors(SCOPE) },
  examples: [
    {
      name: "byChannel",
      summary: "CAC by channel for a quarter",
      status: 200,
      query: { ...RANGE, groupBy: "channel" },
      response: cacResponse(EXAMPLE_DASHBOARD, EXAMPLE_SETTINGS, "channel"),
    },
    { name: "byMonthPaid", summary: "CAC by month for two paid channels", status: 200, query: { ...RANGE, groupBy: "month", channel: "Paid Social,Paid Search" } },
    fromAfterTo(),
    unknownChannel(),
    { name: "unknownGroupBy", summary: "An unknown groupBy", status: 400, query: { ...RANGE, groupBy: "week" }, error: invalidRequestError(cacQuery, { groupBy: "week" }) },
    ...refusedCredentials(RANGE),
  ],
});

export const ltvOperation = defineOperation({
  method: "GET",
  path: "/api/v1/metrics/ltv",
  operationId: "getLtv",
  tag: "Metrics",
  summary: "Customer lifetime value",
  description:
    "Formula LTV (ARPA × gross margin ÷ customer churn) and realized LTV (a cohort's revenue in its first N months × gross margin ÷ its customers), by acquisition channel or cohort, " +
    `each beside its ARPA, churn, margin, CAC, LTV:CAC and payback. ${RANGE_NOTE} ${AUTH}`,
  access,
  query: ltvQuery,
  responses: { 200: { description: "LTV with its inputs.", content: { "application/json": ltvResponseSchema } } },
  errors: { 400: ["invalid_range", "invalid_request"], ...sessionOrTokenErrors(SCOPE) },
  examples: [
    {
      name: "byChannel",
      summary: "LTV by acquisition channel",
      status: 200,
      query: { ...RANGE, groupBy: "channel" },
      response: ltvResponse(EXAMPLE_DASHBOARD, EXAMPLE_SETTINGS, "channel"),
    },
    { name: "byCohort", summary: "Realized LTV and retention by cohort", status: 200, query: { ...RANGE, groupBy: "cohort" } },
    malformedMonth(),
    ...refusedCredentials(RANGE),
  ],
});

export const mrrOperation = defineOperation({
  method: "GET",
  path: "/api/v1/metrics/mrr",
  operationId: "getMrr",
  tag: "Metrics",
  summary: "MRR and its movements",
  description:
    "MRR, ARR, paying customers and ARPA at each month's end, with the month's new, expansion, contraction, churn and reactivation MRR (and the customers behind each), customer churn and revenue; " +
    `NRR and churn over the range. Monthly and annual plans (annual counted one twelfth a month). ${RANGE_NOTE} ${AUTH}`,
  access,
  query: metricQuery,
  responses: { 200: { description: "MRR by month.", content: { "application/json": mrrResponseSchema } } },
  errors: { 400: ["invalid_range"], ...sessionOrTokenErrors(SCOPE) },
  examples: [
    { name: "quarter", summary: "MRR movements for a quarter", status: 200, query: RANGE, response: mrrResponse(EXAMPLE_DASHBOARD, EXAMPLE_SETTINGS) },
    { name: "oneChannel", summary: "Only customers from Paid Social", status: 200, query: { ...RANGE, channel: "Paid Social" } },
    fromAfterTo(),
    ...refusedCredentials(RANGE),
  ],
});
