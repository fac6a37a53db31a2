// Display formatting shared by pages (numbers, money, dates) — fixed locale so server and client agree.
const int = new Intl.NumberFormat("en-US");
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatInt = (n: number) => int.format(n);
export const formatMoney = (n: number) => money.format(n);
export const formatDateTime = (d: Date | string) => `${dateTime.format(new Date(d))} UTC`;

const currencyFormats = new Map<string, Intl.NumberFormat>();
/** Money in a given ISO currency, whole units unless `digits` says otherwise. */
export function formatCurrency(n: number, currency: string, digits = 0): string {
  const key = `${currency}|${digits}`;
  let f = currencyFormats.get(key);
  if (!f) currencyFormats.set(key, (f = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(n);
}
/** 0.153 → "15.3 %". */
export const formatPercent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
