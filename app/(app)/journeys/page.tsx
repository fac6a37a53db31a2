// Journeys: the CRM and the CDP across all customers — coverage, hand-logged interactions against
// collected events per week, median days from first touch to sign-up, first sales touch and becoming
// a customer by channel, and the actionable gaps, each leading to the person.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { GAP_ORDER, journeysOverview, listGaps } from "@/lib/data/journeys";
import { GAP_LABELS, type GapKind } from "@/lib/customer360/journey";
import { formatInt } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityChart } from "@/components/journeys/activity-chart";
import { GapTable } from "@/components/journeys/gap-table";
import { AnalyticsLimitNotice } from "@/components/journeys/limit-notice";
import { AnalyticsLimitError } from "@/lib/data/analytics-runner";
import Link from "next/link";

export const metadata: Metadata = { title: "Journeys" };
export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
type Search = { searchParams: Promise<{ gap?: string; page?: string }> };

const share = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)} %` : "—");
const days = (v: number | null) => (v === null ? "—" : v < 1 ? `${Math.round(v * 24)} h` : `${v.toFixed(1)} d`);

export default async function JourneysPage({ searchParams }: Search) {
  const user = await requireArea("journeys");
  const sp = await searchParams;
  const kind = (GAP_ORDER as string[]).includes(sp.gap ?? "") ? (sp.gap as GapKind) : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(sp.page ?? "1", 10) || 1));
  const now = new Date();
  const settings = await lifecycleSettings();
  let overview, gaps;
  try {
    overview = await journeysOverview(settings, now);
    gaps = await listGaps(settings, now, { kinds: kind ? [kind] : undefined, page, size: PAGE_SIZE });
  } catch (err) {
    if (err instanceof AnalyticsLimitError) return <AnalyticsLimitNotice title="Journeys" error={err} />;
    throw err;
  }
  const c = overview.coverage;
  const tiles: { label: string; value: string; detail: string; definition: string; gap?: GapKind; id: string }[] = [
    {
      label: "Contacts seen in the product",
      value: share(c.contactsSeen, c.contacts),
      detail: `${formatInt(c.contactsSeen)} of ${formatInt(c.contacts)} contacts`,
      definition: "CRM contacts linked (by email) to a profile with at least one event from a non-CRM source.",
      gap: "never_seen",
      id: "coverage-contacts",
    },
    {
      label: "Customers with no owner",
      value: share(c.customersUnowned, c.customers),
      detail: `${formatInt(c.customersUnowned)} of ${formatInt(c.customers)} customers`,
      definition: "People who became customers (per Settings → Lifecycle events) whose CRM contact has no owner, or who have no contact.",
      gap: "no_owner",
      id: "coverage-owner",
    },
    {
      label: "Active trials with no sales touch",
      value: share(c.activeTrialsUntouched, c.activeTrials),
      detail: `${formatInt(c.activeTrialsUntouched)} of ${formatInt(c.activeTrials)} active trials`,
      definition: "Trials started in the last 14 days, not customers yet, with no call, email, meeting or demo since the trial started.",
      gap: "trial_no_touch",
      id: "coverage-trials",
    },
  ];
  return (
    <>
      <PageHeader title="Journeys" description="What the team did and what customers did, across everyone: where the CRM and the product agree, and where they do not." />
      <section aria-labelledby="coverage-heading" className="mb-8">
        <h2 id="coverage-heading" className="mb-3 text-lg font-semibold">
          Coverage
        </h2>
        <dl className="grid gap-3 md:grid-cols-3">
          {tiles.map((t) => (
            <div key={t.label} className="rounded-lg border border-slate-200 bg-white p-4">
              <dt className="text-sm font-medium text-slate-800">{t.label}</dt>
              <dd className="mt-1">
                <span className="text-2xl font-semibold tabular-nums" data-testid={t.id}>
                  {t.value}
                </span>
                <span className="ml-2 text-sm text-slate-700">{t.detail}</span>
                <p className="mt-2 text-xs text-slate-700">{t.definition}</p>
                {t.gap ? (
                  <Link href={`/journeys?gap=${t.gap}#gaps`} className="mt-2 inline-block text-sm link">
                    See the people ({formatInt(gaps.counts[t.gap])})
                  </Link>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="activity-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Hand-logged interactions vs collected events, per week
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          Interactions: calls, emails, meetings, demos, notes and form fills logged in the CRM. Events: everything the sources collected, CRM copies left out. Weeks start on
          Monday, UTC.
        </p>
        <ActivityChart weeks={overview.weeks} />
      </section>

      <section aria-labelledby="timing-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="timing-heading" className="text-lg font-semibold">
          How long it takes, by first-touch channel
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          Median days from a person&apos;s first touch (their earliest web visit or campaign link, else first event) to signing up, to the first sales touch (call, email,
          meeting or demo) and to becoming a customer, among the people who got there (n). Channel: the first touch&apos;s GA4 channel.
        </p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="timings">
            <caption className="sr-only">Median days by first-touch channel</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-700">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">Channel</th>
                <th scope="col" className="py-2 pr-3 text-right">People</th>
                <th scope="col" className="py-2 pr-3 text-right">To sign-up</th>
                <th scope="col" className="py-2 pr-3 text-right">To first sales touch</th>
                <th scope="col" className="py-2 text-right">To customer</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {overview.timings.map((t) => (
                <tr key={t.channel}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-medium">{t.channel}</th>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{formatInt(t.people)}</td>
                  {[t.toSignUp, t.toSalesTouch, t.toCustomer].map((m, i) => (
                    <td key={i} className="py-1.5 pr-3 text-right tabular-nums">
                      {days(m.median)} <span className="text-xs text-slate-700">(n {formatInt(m.n)})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="gaps" aria-labelledby="gaps-heading" className="scroll-mt-16">
        <h2 id="gaps-heading" className="mb-1 text-lg font-semibold">
          Actionable gaps
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          {GAP_ORDER.map((k) => `${GAP_LABELS[k]}: ${formatInt(gaps.counts[k])}`).join(" · ")}. The most urgent kind first.
        </p>
        <GapTable data={gaps} basePath="/journeys" kind={kind} kinds={GAP_ORDER} page={page} size={PAGE_SIZE} canCreateContact={can(user.role, "crm:write")} caption="Actionable gaps" />
      </section>
    </>
  );
}
