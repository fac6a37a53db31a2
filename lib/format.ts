// Display formatting shared by pages (numbers, money, dates) — fixed locale so server and client agree.
const int = new Intl.NumberFormat("en-US");
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatInt = (n: number) => int.format(n);
export const formatMoney = (n: number) => money.format(n);
export const formatDateTime = (d: Date | string) => `${dateTime.format(new Date(d))} UTC`;
