// The dashboard's tables: CAC by channel by month (beside its chart), LTV by acquisition channel and by
// cohort with CAC beside it, the cohort MRR-retention heatmap, and MRR movements by month. Every count
// and amount links to the people behind it; every table downloads as CSV.
import type { Dashboard } from "@/lib/metrics/compute";
import type { Definition } from "@/lib/metrics/definitions";
import { MOVEMENT_LABELS, MOVEMENTS } from "@/lib/metrics/model";
import { monthLabel, monthSpan } from "@/lib/metrics/months";
import { peopleHref, rangeLabel } from "@/lib/metrics/query";
import { formatCurrency, formatInt } from "@/lib/format";
import { CacChart, MovementsChart } from "./charts";
import { CsvButton } from "./csv-button";
import { Count, FewWarning, fmtMoney, fmtMonths, fmtPct, fmtRatio, none, PeopleLink, Section, Td, Th } from "./parts";

type Props = { d: Dashboard; defs: Record<Definition, string> };

const file = (d: Dashboard, what: string) => `tandem-${what}-${d.query.from}-to-${d.query.to}.csv`;
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function CacByMonth({ d, defs }: Props) {
  const months = monthSpan(d.query.from, d.query.to);
  const channels = [...new Set(d.cacByMonth.map((r) => r.channel))].sort();
  const cell = (month: string, channel: string) => d.cacByMonth.find((r) => r.month === month && r.channel === channel);
  const c = d.currency;
  return (
    <Section
      id="cac-by-month"
      title="CAC by channel and month"
      definition={defs.channelCac}
      actions={<CsvButton filename={file(d, "cac-by-month")} header={["month", "channel", "spend", "new_customers", "cac"]} rows={d.cacByMonth.map((r) => [r.month, r.channel, round2(r.spend), r.newCustomers, round2(r.cac)])} />}
    >
      {channels.length === 0 ? (
        <p className="text-sm text-slate-600">No spend and no new customers in this range.</p>
      ) : (
        <>
          {/* Only channels with a CAC in some month have a line; organic ones are in the table. */}
          <CacChart
            months={months}
            currency={c}
            series={channels.map((ch) => ({ channel: ch, cac: months.map((m) => cell(m, ch)?.cac ?? null) })).filter((sr) => sr.cac.some((x) => x !== null))}
          />
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">CAC by channel and month: spend ÷ new customers</caption>
              <thead>
                <tr>
                  <Th>Channel</Th>
                  {months.map((m) => (
                    <Th key={m} right>
                      {monthLabel(m)}
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {channels.map((ch) => (
                  <tr key={ch}>
                    <Td className="font-medium">{ch}</Td>
                    {months.map((m) => {
                      const r = cell(m, ch);
                      if (!r) return <Td key={m} right>{none}</Td>;
                      return (
                        <Td key={m} right>
                          <div className="font-medium">{r.cac === null ? (r.spend > 0 ? "no customers" : "organic") : formatCurrency(r.cac, c)}</div>
                          <div className="text-xs text-slate-500">
                            {formatCurrency(r.spend, c)} ÷ <Count n={r.newCustomers} href={peopleHref({ kind: "new", from: m, to: m }, [ch])} label={`${r.newCustomers} new customers from ${ch} in ${monthLabel(m)}`} />
                          </div>
                        </Td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

export function ChannelTable({ d, defs, horizons }: Props & { horizons: number[] }) {
  const c = d.currency;
  const q = d.query;
  return (
    <Section
      id="by-channel"
      title={`By acquisition channel, ${rangeLabel(q.from, q.to)}`}
      definition={`${defs.channelCac} ${defs.formulaLtv} ${defs.realizedLtv}`}
      actions={
        <CsvButton
          filename={file(d, "ltv-by-channel")}
          header={["channel", "paid", "spend", "new_customers", "cac", "paying_customers", "mrr", "arpa", "churn", "formula_ltv", "ltv_to_cac", "payback_months", ...horizons.flatMap((n) => [`realized_ltv_${n}m`, `realized_customers_${n}m`])]}
          rows={d.channels.map((r) => [r.channel, r.paid, round2(r.spend), r.newCustomers, round2(r.cac), r.payingCustomers, round2(r.mrr), round2(r.arpa), r.churn, round2(r.formulaLtv), round2(r.ltvToCac), round2(r.paybackMonths), ...r.realized.flatMap((x) => [round2(x.ltv), x.customers])])}
        />
      }
    >
      {d.channels.length === 0 ? (
        <p className="text-sm text-slate-600">No channel has spend, new customers or paying customers in this range.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">CAC and LTV by acquisition channel</caption>
            <thead>
              <tr>
                <Th>Channel</Th>
                <Th right>Spend</Th>
                <Th right>New customers</Th>
                <Th right>CAC</Th>
                <Th right>Paying</Th>
                <Th right>MRR</Th>
                <Th right>ARPA</Th>
                <Th right>Churn</Th>
                <Th right>Formula LTV</Th>
                <Th right>LTV:CAC</Th>
                <Th right>Payback</Th>
                {horizons.map((n) => (
                  <Th key={n} right>
                    Realized {n} mo
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.channels.map((r) => (
                <tr key={r.channel} data-testid="channel-row" data-channel={r.channel}>
                  <Td className="font-medium">
                    {r.channel}
                    {r.paid ? <span className="ml-1 rounded bg-slate-100 px-1 text-[11px] text-slate-600">paid</span> : null}
                  </Td>
                  <Td right>{r.spend ? formatCurrency(r.spend, c) : none}</Td>
                  <Td right>
                    <Count n={r.newCustomers} href={peopleHref({ kind: "new", from: q.from, to: q.to }, [r.channel])} label={`${r.newCustomers} new customers from ${r.channel}`} />
                  </Td>
                  <Td right>
                    {r.cac === null ? <span className="text-slate-500">{r.spend > 0 ? "no customers" : "organic"}</span> : <PeopleLink href={peopleHref({ kind: "new", from: q.from, to: q.to }, [r.channel])} label={`CAC of ${r.channel}: the new customers behind it`}>{formatCurrency(r.cac, c)}</PeopleLink>}
                    {r.cac !== null ? <FewWarning n={r.newCustomers} /> : null}
                  </Td>
                  <Td right>
                    <Count n={r.payingCustomers} href={peopleHref({ kind: "paying", month: q.to }, [r.channel])} label={`${r.payingCustomers} paying customers from ${r.channel}`} />
                  </Td>
                  <Td right>{fmtMoney(r.mrr, c)}</Td>
                  <Td right>{fmtMoney(r.arpa, c, 2)}</Td>
                  <Td right>{fmtPct(r.churn)}</Td>
                  <Td right>
                    {fmtMoney(r.formulaLtv, c)}
                    {r.formulaLtv !== null ? <FewWarning n={r.payingCustomers} /> : null}
                  </Td>
                  <Td right>{fmtRatio(r.ltvToCac)}</Td>
                  <Td right>{fmtMonths(r.paybackMonths)}</Td>
                  {r.realized.map((x) => (
                    <Td key={x.months} right>
                      {fmtMoney(x.ltv, c)}
                      {x.ltv !== null ? <FewWarning n={x.customers} /> : null}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function CohortTable({ d, defs, horizons }: Props & { horizons: number[] }) {
  const c = d.currency;
  const ch = d.query.channels;
  return (
    <Section
      id="by-cohort"
      title="By acquisition cohort"
      definition={`${defs.realizedLtv} CAC = the cohort month's spend${ch ? "" : " plus that month's overhead"} ÷ the cohort's customers.`}
      actions={
        <CsvButton
          filename={file(d, "ltv-by-cohort")}
          header={["cohort", "customers", "spend", "overhead", "cac", ...horizons.flatMap((n) => [`realized_ltv_${n}m`, `ltv_to_cac_${n}m`])]}
          rows={d.cohorts.map((r) => [r.cohort, r.customers, round2(r.spend), round2(r.overhead), round2(r.cac), ...r.realized.flatMap((x) => [round2(x.ltv), round2(x.ltvToCac)])])}
        />
      }
    >
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Realized LTV by acquisition cohort, with CAC</caption>
          <thead>
            <tr>
              <Th>Cohort</Th>
              <Th right>Customers</Th>
              <Th right>Spend</Th>
              <Th right>CAC</Th>
              {horizons.map((n) => (
                <Th key={n} right>
                  LTV after {n} mo
                </Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.cohorts.map((r) => (
              <tr key={r.cohort}>
                <Td className="font-medium">{monthLabel(r.cohort)}</Td>
                <Td right>
                  <Count n={r.customers} href={peopleHref({ kind: "cohort", cohort: r.cohort, age: null }, ch)} label={`${r.customers} customers acquired in ${monthLabel(r.cohort)}`} />
                </Td>
                <Td right>{fmtMoney(r.spend + r.overhead, c)}</Td>
                <Td right>
                  {fmtMoney(r.cac, c)}
                  {r.cac !== null ? <FewWarning n={r.customers} /> : null}
                </Td>
                {r.realized.map((x) => (
                  <Td key={x.months} right>
                    {x.ltv === null ? <span className="text-slate-400" title={`The cohort has not completed ${x.months} months yet`}>—</span> : formatCurrency(x.ltv, c)}
                    {x.ltvToCac !== null ? <span className="ml-1 text-xs text-slate-500">({x.ltvToCac.toFixed(2)}×)</span> : null}
                  </Td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** Blue for ≥ 100 %, fading to red at 0. */
function heat(r: number | null): string {
  if (r === null) return "transparent";
  if (r >= 1) return `rgba(47, 111, 237, ${Math.min(0.85, 0.35 + (r - 1) * 0.5)})`;
  return `rgba(${Math.round(239 - 192 * r)}, ${Math.round(68 + 43 * r)}, ${Math.round(68 + 169 * r)}, ${0.2 + 0.3 * r})`;
}

export function RetentionHeatmap({ d, defs }: Props) {
  const c = d.currency;
  const ch = d.query.channels;
  const ages = Math.max(0, ...d.cohorts.map((r) => r.cells.length));
  return (
    <Section
      id="retention"
      title="Net MRR retention by acquisition cohort"
      definition={defs.retention}
      actions={
        <CsvButton
          filename={file(d, "cohort-mrr-retention")}
          header={["cohort", "month_number", "month", "partial", "mrr", "paying_customers", "retention"]}
          rows={d.cohorts.flatMap((r) => r.cells.map((x) => [r.cohort, x.age, x.month, x.partial, round2(x.mrr), x.payingCustomers, x.retention === null ? null : Math.round(x.retention * 10000) / 10000]))}
        />
      }
    >
      <div className="overflow-x-auto">
        <table className="min-w-full border-separate border-spacing-0.5 text-sm">
          <caption className="sr-only">Each cohort&apos;s MRR in later months as a share of its first month&apos;s</caption>
          <thead>
            <tr>
              <Th>Cohort</Th>
              <Th right>Month-0 MRR</Th>
              {Array.from({ length: ages }, (_, a) => (
                <Th key={a} right>
                  Month {a}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.cohorts.map((r) => (
              <tr key={r.cohort}>
                <Td className="font-medium">
                  {monthLabel(r.cohort)} <span className="text-xs font-normal text-slate-500">({formatInt(r.customers)})</span>
                </Td>
                <Td right>{fmtMoney(r.cells[0]?.mrr ?? null, c)}</Td>
                {Array.from({ length: ages }, (_, a) => {
                  const x = r.cells[a];
                  if (!x) return <td key={a} />;
                  const label = `${monthLabel(r.cohort)} cohort, month ${a}${x.partial ? " (partial)" : ""}: ${x.retention === null ? "no month-0 MRR" : fmtPctText(x.retention)} — ${formatCurrency(x.mrr, c)} MRR from ${x.payingCustomers} paying customers`;
                  return (
                    <td key={a} className="rounded px-2 py-1.5 text-right tabular-nums" style={{ background: heat(x.retention) }}>
                      {x.payingCustomers === 0 ? (
                        <span title={label}>{x.retention === null ? "—" : fmtPctText(x.retention)}</span>
                      ) : (
                        <PeopleLink href={peopleHref({ kind: "cohort", cohort: r.cohort, age: a }, ch)} label={label}>
                          {x.retention === null ? "—" : fmtPctText(x.retention)}
                          {x.partial ? "*" : ""}
                        </PeopleLink>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

const fmtPctText = (x: number) => `${Math.round(x * 100)} %`;

export function MovementsSection({ d, defs }: Props) {
  const c = d.currency;
  const ch = d.query.channels;
  return (
    <Section
      id="movements"
      title="MRR movements"
      definition={`${defs.movements} ${defs.mrr}`}
      actions={
        <CsvButton
          filename={file(d, "mrr-movements")}
          header={["month", "partial", "mrr", "arr", "paying_customers", "arpa", ...MOVEMENTS, "net_new", "customers_before", "churned_customers", "customer_churn"]}
          rows={d.months.map((m) => [m.month, m.partial, round2(m.mrr), round2(m.arr), m.payingCustomers, round2(m.arpa), ...MOVEMENTS.map((k) => round2(m.movements[k])), round2(m.netNew), m.customersBefore, m.movementCustomers.churn, m.customerChurn])}
        />
      }
    >
      <MovementsChart currency={c} points={d.months.map((m) => ({ month: m.month, partial: m.partial, mrr: m.mrr, ...m.movements }))} />
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">MRR and its movements by month</caption>
          <thead>
            <tr>
              <Th>Month</Th>
              <Th right>MRR</Th>
              <Th right>Paying</Th>
              {MOVEMENTS.map((k) => (
                <Th key={k} right>
                  {MOVEMENT_LABELS[k]}
                </Th>
              ))}
              <Th right>Net new</Th>
              <Th right>Customer churn</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {d.months.map((m) => (
              <tr key={m.month}>
                <Td className="font-medium">
                  {monthLabel(m.month)}
                  {m.partial ? <span title="The current month: as of now">*</span> : null}
                </Td>
                <Td right>{formatCurrency(m.mrr, c)}</Td>
                <Td right>
                  <Count n={m.payingCustomers} href={peopleHref({ kind: "paying", month: m.month }, ch)} label={`${m.payingCustomers} customers paying in ${monthLabel(m.month)}`} />
                </Td>
                {MOVEMENTS.map((k) => (
                  <Td key={k} right>
                    {m.movementCustomers[k] === 0 ? (
                      <span className="text-slate-400">{formatCurrency(0, c)}</span>
                    ) : (
                      <PeopleLink href={peopleHref({ kind: "movement", movement: k, from: m.month, to: m.month }, ch)} label={`${MOVEMENT_LABELS[k]} MRR in ${monthLabel(m.month)}: ${m.movementCustomers[k]} customers`}>
                        {k === "churn" || k === "contraction" ? "−" : "+"}
                        {formatCurrency(m.movements[k], c)}
                      </PeopleLink>
                    )}
                    {m.movementCustomers[k] ? <div className="text-xs text-slate-500">{formatInt(m.movementCustomers[k])} cust.</div> : null}
                  </Td>
                ))}
                <Td right className={m.netNew < 0 ? "text-red-700" : ""}>
                  {m.netNew < 0 ? "−" : "+"}
                  {formatCurrency(Math.abs(m.netNew), c)}
                </Td>
                <Td right>
                  {fmtPct(m.customerChurn)}
                  {m.customerChurn !== null ? <span className="ml-1 text-xs text-slate-500">({m.movementCustomers.churn}/{m.customersBefore})</span> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
