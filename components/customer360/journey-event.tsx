// The CDP side of the Customer 360 stream: one event as a line (key events stand out), and a run of
// events of one session under the session's header (channel, landing page, pages seen, duration).
import { cdpTitle, KEY_EVENT_LABELS, type SessionGroup, type StreamItem } from "@/lib/customer360/stream";
import { formatDuration } from "@/lib/crm/timeline";

const time = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

type CdpItem = Extract<StreamItem, { side: "cdp" }>;

export function JourneyEvent({ item, showSide = false }: { item: CdpItem; showSide?: boolean }) {
  const e = item.cdp;
  const key = e.keys.length > 0;
  return (
    <li
      data-testid="journey-event"
      data-type={e.type}
      data-key-event={key || undefined}
      className={`flex flex-wrap items-baseline justify-between gap-x-2 gap-y-0.5 rounded-md px-2 py-1 text-sm ${key ? "border border-emerald-300 bg-emerald-50" : ""}`}
    >
      <span className="min-w-0 break-words">
        {showSide ? <SideBadge side="cdp" /> : null}
        <span className={key ? "font-semibold text-emerald-900" : "text-slate-800"}>{cdpTitle(e)}</span>
        {e.keys
          .filter((k) => k !== "revenue")
          .map((k) => (
            <span key={k} className="ml-2 rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-medium text-white">
              {KEY_EVENT_LABELS[k]}
            </span>
          ))}
        {e.revenueCents !== null ? (
          <span className={`ml-2 rounded px-1.5 py-0.5 text-xs font-medium ${e.revenueCents > 0 ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}>
            {money.format(e.revenueCents / 100)}
          </span>
        ) : null}
      </span>
      <span className="text-xs text-slate-600">
        {e.sourceName ?? e.sourceId} · <time dateTime={item.at}>{time.format(new Date(item.at))} UTC</time>
      </span>
    </li>
  );
}

export function SideBadge({ side }: { side: "crm" | "cdp" }) {
  return (
    <span
      className={`mr-2 inline-block rounded px-1.5 py-0.5 align-middle text-[0.7rem] font-bold tracking-wide ${side === "crm" ? "bg-indigo-100 text-indigo-900" : "bg-emerald-100 text-emerald-900"}`}
      title={side === "crm" ? "What the team did (CRM)" : "What the person did in the product (CDP)"}
    >
      {side.toUpperCase()}
    </span>
  );
}

/** A session's run of events on one day, or a lone event outside any session. */
export function SessionCard({ group }: { group: SessionGroup }) {
  const s = group.session;
  const items = group.items as CdpItem[];
  if (!s) {
    return (
      <ul className="space-y-1" aria-label="Event outside a session">
        {items.map((i) => (
          <JourneyEvent key={i.key} item={i} />
        ))}
      </ul>
    );
  }
  const facts = [
    s.channel,
    s.campaign ? `campaign ${s.campaign}` : null,
    s.landingPage ? `landed on ${s.landingPage}` : null,
    `${s.pages} ${s.pages === 1 ? "page" : "pages"}`,
    `${s.events} ${s.events === 1 ? "event" : "events"}`,
    s.durationSeconds > 0 ? formatDuration(s.durationSeconds) : "under a minute",
  ].filter(Boolean);
  return (
    <section data-testid="session" aria-label={`Session from ${time.format(new Date(s.start))} UTC`} className="rounded-lg border border-slate-200 bg-white p-2">
      <p className="mb-1 px-2 text-xs text-slate-700">
        <span className="font-semibold text-slate-900">Session</span> <time dateTime={s.start}>{time.format(new Date(s.start))}</time>–
        <time dateTime={s.end}>{time.format(new Date(s.end))}</time> UTC · {facts.join(" · ")}
      </p>
      <ul className="space-y-0.5">
        {items.map((i) => (
          <JourneyEvent key={i.key} item={i} />
        ))}
      </ul>
    </section>
  );
}
