// A profile's first touch (how they first arrived), computed traits and B2B accounts.
import Link from "next/link";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import type { ComputedTraits as ComputedView, FirstTouch as FirstTouchView, ProfileAccount as AccountView } from "@/lib/data/profiles";


const card = "rounded-lg border border-slate-200 bg-white p-4";
const term = "text-xs font-medium uppercase tracking-wide text-slate-500";
const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{formatDateTime(d)}</time> : "—");

export function ComputedTraits({ computed }: { computed: ComputedView }) {
  const items: [string, React.ReactNode, string][] = [
    ["Events", formatInt(computed.eventCount), "event-count"],
    ["Revenue", formatMoney(computed.totalRevenue), "revenue"],
    ["Last event", computed.lastEventName ? <>{computed.lastEventName} <span className="block text-xs font-normal text-slate-500">{when(computed.lastEventAt)}</span></> : "—", "last-event"],
    ["First seen", when(computed.firstSeen), "first-seen"],
    ["Last seen", when(computed.lastSeen), "last-seen"],
  ];
  return (
    <section aria-label="Computed traits">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {items.map(([label, value, id]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className={term}>{label}</dt>
            <dd className="mt-1 text-sm font-semibold tabular-nums" data-testid={id}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function FirstTouchCard({ touch }: { touch: FirstTouchView | null }) {
  const rows: [string, React.ReactNode][] = touch
    ? [
        ["Channel", touch.channel ?? "—"],
        ["When", when(touch.at)],
        ["UTM source", touch.utmSource ?? "—"],
        ["UTM medium", touch.utmMedium ?? "—"],
        ["UTM campaign", touch.utmCampaign ?? "—"],
        ["Referrer", touch.referrer ? <span className="break-all">{touch.referrer}</span> : "—"],
        ["Landing page", touch.landingPage ? <span className="break-all">{touch.landingPage}</span> : "—"],
      ]
    : [];
  return (
    <section aria-labelledby="first-touch-heading" className={card}>
      <h2 id="first-touch-heading" className="text-sm font-semibold">
        First touch
      </h2>
      {touch ? (
        <dl className="mt-2 space-y-1.5 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="grid grid-cols-3 gap-2">
              <dt className={term}>{label}</dt>
              <dd className="col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-500">No page view or screen yet, so no first touch (channel, campaign, referrer, landing page).</p>
      )}
    </section>
  );
}

export function AccountsCard({ accounts }: { accounts: AccountView[] }) {
  return (
    <section aria-labelledby="accounts-heading" className={card}>
      <h2 id="accounts-heading" className="text-sm font-semibold">
        Accounts
      </h2>
      {accounts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Not in any account (accounts come from group calls).</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {accounts.map((a) => (
            <li key={a.id} className="py-1.5">
              <p className="font-medium">{a.name ?? a.groupId}</p>
              <p className="text-xs text-slate-500">
                group <code>{a.groupId}</code> · joined {when(a.joinedAt)}
                {a.companyId ? (
                  <>
                    {" · "}
                    <Link href={`/companies/${a.companyId}`} className="link">
                      {a.companyName ?? "CRM company"}
                    </Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
