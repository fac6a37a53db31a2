// The Customer 360 page: one person — a CDP profile, a CRM contact, or both — with the header, the
// journey summary and its narrative, the gaps turned into actions, the CRM timeline and the CDP
// journey on one time axis, what each system knows, and the profile's details (identities, traits,
// first touch, accounts, the merge journal and split). Server component: the data is already read.
import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import type { PersonPageData } from "@/lib/data/person-page";
import { GAP_DEFINITIONS, GAP_LABELS } from "@/lib/customer360/journey";
import { KNOWN_FIELD_LABELS } from "@/lib/customer360/knowledge";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import { formatHours } from "@/lib/crm/tickets";
import { STAGE_LABELS } from "@/lib/crm/stages";
import { profileDisplayName } from "@/lib/identity/customers-view";
import { Identities } from "@/components/customers/identities";
import { TraitsTable } from "@/components/customers/traits-table";
import { MergeJournal } from "@/components/customers/merge-journal";
import { AccountsCard, FirstTouchCard } from "@/components/customers/profile-facts";
import { PersonTimeline } from "./person-timeline";
import { AssignOwnerForm, CreateContactButton } from "./gap-actions";

const card = "rounded-lg border border-slate-200 bg-white p-4";
const term = "text-xs font-medium uppercase tracking-wide text-slate-700";
const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{formatDateTime(d)}</time> : "—");
const DAY = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
/** A day in a summary tile; the exact time on hover. */
const onDay = (d: Date | null) =>
  d ? (
    <time dateTime={d.toISOString()} title={formatDateTime(d)}>
      {DAY.format(d)}
    </time>
  ) : (
    "—"
  );
const STATUS: Record<string, { label: string; className: string }> = {
  both: { label: "Both agree", className: "bg-emerald-100 text-emerald-900" },
  crm_only: { label: "CRM only", className: "bg-indigo-100 text-indigo-900" },
  cdp_only: { label: "CDP only", className: "bg-sky-100 text-sky-900" },
  disagree: { label: "Disagree", className: "bg-amber-100 text-amber-900" },
};

export function personName(d: PersonPageData): string {
  if (d.contact) return d.contact.name;
  const traits = Object.fromEntries((d.overview.traits?.traits ?? []).map((t) => [t.key, t.value]));
  const email = d.overview.identities.find((i) => i.type === "email")?.value ?? null;
  const userId = d.overview.identities.find((i) => i.type === "user_id")?.value ?? null;
  return profileDisplayName(traits, email, userId, d.person.profileId ?? "");
}

export function PersonPage({ data, user, crumb }: { data: PersonPageData; user: CurrentUser; crumb: { href: string; label: string } }) {
  const { person, contact, overview } = data;
  const { summary } = overview;
  const name = personName(data);
  const canWrite = can(user.role, "crm:write");
  const isAdmin = can(user.role, "settings:manage");
  const profileId = person.profileId;
  const f = summary.facts;
  // One "Create contact" button, on the first gap it closes.
  const createContactOn = contact ? null : overview.gaps.find((g) => g === "no_owner" || g === "lead_no_contact");
  const lifecycle = Object.fromEntries(data.lifecycleDefinitions.map((l) => [l.key, l]));
  const tiles: { label: string; value: React.ReactNode; definition: string; id: string }[] = [
    { label: "First-touch channel", value: f.firstTouch?.channel ?? "—", definition: "The channel of the person's earliest web visit or campaign link, anonymous visits before sign-up included (GA4 default channel grouping).", id: "first-channel" },
    { label: "Campaign", value: f.firstTouch?.utmCampaign ?? "—", definition: "utm_campaign of that first touch.", id: "first-campaign" },
    { label: "Landing page", value: f.firstTouch?.landingPage ? <span className="break-all">{f.firstTouch.landingPage}</span> : "—", definition: "The page of that first touch.", id: "landing-page" },
    { label: "First seen", value: onDay(f.firstSeenAt), definition: "The person's earliest event from any source.", id: "first-seen" },
    { label: "Signed up", value: onDay(f.signedUpAt), definition: `When the person reached it: ${lifecycle.signedUp?.rule} (Settings → Lifecycle events).`, id: "signed-up" },
    { label: "Trial started", value: onDay(f.trialStartedAt), definition: `${lifecycle.trialStarted?.rule} (Settings → Lifecycle events).`, id: "trial-started" },
    { label: "Became a customer", value: onDay(f.customerAt), definition: `${lifecycle.customer?.rule} (Settings → Lifecycle events).`, id: "became-customer" },
    { label: "Revenue to date", value: formatMoney(summary.revenue), definition: "Sum of `revenue` on the person's track events (refunds subtract).", id: "revenue" },
    { label: "Last seen", value: onDay(summary.lastSeenAt), definition: "The person's latest event from any source.", id: "last-seen" },
    { label: "Owner", value: contact?.owner?.name ?? "Unassigned", definition: "The CRM contact's owner.", id: "owner" },
    { label: "Open tickets", value: formatInt(summary.openTickets), definition: "Tickets of the person's contacts that are new, open, pending or on hold.", id: "open-tickets" },
  ];

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={crumb.href} className="link">
          {crumb.label}
        </Link>
        <span aria-hidden="true" className="mx-1 text-slate-600">
          /
        </span>
        <span aria-current="page" className="text-slate-700">
          {name}
        </span>
      </nav>

      <header className={`mb-4 ${card}`}>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{name}</h1>
            <p className="mt-1 text-sm text-slate-700">
              {contact?.jobTitle ?? (contact ? "No job title" : "No CRM contact")}
              {contact?.company ? (
                <>
                  {" at "}
                  <Link href={`/companies/${contact.company.id}`} className="link">
                    {contact.company.name}
                  </Link>
                </>
              ) : null}
              {contact ? (
                <>
                  {" · Owner "}
                  <span data-testid="header-owner">{contact.owner?.name ?? "unassigned"}</span>
                </>
              ) : null}
            </p>
            {profileId ? (
              <p className="mt-1 text-xs text-slate-700">
                Profile <code data-testid="profile-id">{profileId}</code>
                {person.familyIds.length > 1 ? (
                  <span data-testid="merged-ids">
                    {" · also known as "}
                    {person.familyIds.slice(1).map((m, i) => (
                      <span key={m}>
                        {i ? ", " : ""}
                        <Link href={`/customers/${m}`} className="font-mono link" title="An older profile merged into this one; its links lead here">
                          {m}
                        </Link>
                      </span>
                    ))}
                  </span>
                ) : null}
              </p>
            ) : null}
            <ul aria-label="Identities at a glance" className="mt-2 flex flex-wrap gap-1.5 text-xs">
              {overview.identities
                .filter((i) => i.type !== "anonymous_id")
                .slice(0, 6)
                .map((i) => (
                  <li key={`${i.type}:${i.value}`} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5">
                    <span className="text-slate-700">{i.type}</span> {i.value}
                  </li>
                ))}
              {overview.identities.some((i) => i.type === "anonymous_id") ? (
                <li className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-slate-700">
                  {overview.identities.filter((i) => i.type === "anonymous_id").length} anonymous device id(s)
                </li>
              ) : null}
            </ul>
          </div>
          <div className="flex flex-col items-end gap-2 text-sm">
            {contact ? (
              <span className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700" data-testid="lifecycle-stage">
                {STAGE_LABELS[contact.lifecycleStage as keyof typeof STAGE_LABELS] ?? contact.lifecycleStage}
              </span>
            ) : null}
            {person.contacts.length > 1 ? (
              <nav aria-label="Contacts of this person" data-testid="contact-switcher">
                <p className="text-xs text-slate-700">{person.contacts.length} CRM contacts share this profile:</p>
                <ul className="mt-1 flex flex-wrap justify-end gap-1">
                  {person.contacts.map((c) => (
                    <li key={c.id}>
                      <Link
                        href={`/customers/${profileId}?contact=${c.id}`}
                        aria-current={c.id === contact?.id ? "page" : undefined}
                        className={`block rounded border px-2 py-0.5 text-xs underline ${c.id === contact?.id ? "border-brand-500 bg-brand-50 font-semibold text-brand-700" : "border-slate-300 text-slate-800"}`}
                      >
                        {c.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
        {!overview.productSeen || !contact ? (
          <p role="note" data-testid="missing-side" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {!overview.productSeen
              ? "Known to the CRM only: the product has never seen this person (their activity links here by email once they sign up or are identified)."
              : "Known to the product only: no CRM contact is linked to this person yet."}
          </p>
        ) : null}
      </header>

      {overview.productSeen ? (
        <section aria-labelledby="summary-heading" className={`mb-4 ${card}`} data-testid="journey-summary">
          <h2 id="summary-heading" className="text-sm font-semibold">
            Journey summary
          </h2>
          {summary.narrative ? (
            <p className="mt-1 text-base text-slate-900" data-testid="narrative">
              {summary.narrative}
            </p>
          ) : null}
          <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {tiles.map((t) => (
              <div key={t.label} className="rounded-md border border-slate-200 p-2">
                <dt className={term}>
                  {t.label}
                  <details className="inline">
                    <summary className="ml-1 inline cursor-pointer list-none link" aria-label={`How “${t.label}” is defined`}>
                      ?
                    </summary>
                    <span className="mt-1 block text-xs font-normal normal-case tracking-normal text-slate-700">{t.definition}</span>
                  </details>
                </dt>
                <dd className="mt-1 text-sm font-semibold" data-testid={t.id}>
                  {t.value}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {overview.gaps.length ? (
        <section aria-labelledby="gaps-heading" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="gaps">
          <h2 id="gaps-heading" className="text-sm font-semibold text-amber-950">
            Gaps between the CRM and the product
          </h2>
          <ul className="mt-2 space-y-2 text-sm text-amber-950">
            {overview.gaps.map((g) => (
              <li key={g} className="flex flex-wrap items-center justify-between gap-2" data-gap={g}>
                <span>
                  <span className="font-semibold">{GAP_LABELS[g]}.</span> {GAP_DEFINITIONS[g]}
                </span>
                {g === createContactOn && profileId && canWrite ? <CreateContactButton profileId={profileId} /> : null}
                {g === "no_owner" && contact && isAdmin ? <AssignOwnerForm contactId={contact.id} owners={data.owners} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav aria-label="On this page" className="mb-4 flex flex-wrap gap-4 text-sm">
        <a href="#timeline" className="link">
          Timeline
        </a>
        <a href="#knowledge" className="link">
          What each system knows
        </a>
        {profileId ? (
          <a href="#profile-details" className="link">
            Profile details
          </a>
        ) : null}
        {contact ? (
          <a href="#contact-details" className="link">
            Contact details
          </a>
        ) : null}
      </nav>

      <div id="timeline" className="mb-8 scroll-mt-16">
        <h2 className="mb-3 text-lg font-semibold">
          Timeline
        </h2>
        <PersonTimeline
          profileId={profileId}
          productSeen={overview.productSeen}
          contact={contact ? { id: contact.id, name: contact.name } : null}
          initialPage={data.stream}
          initialPinned={data.pinned}
          authors={data.authors}
          eventNames={data.eventNames}
          canWrite={canWrite}
          user={{ id: user.id, role: user.role, name: user.name }}
          now={new Date().toISOString()}
        />
      </div>

      <section id="knowledge" aria-labelledby="knowledge-heading" className={`mb-8 scroll-mt-16 ${card}`}>
        <h2 id="knowledge-heading" className="text-lg font-semibold">
          What each system knows
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The CRM contact beside the CDP profile, compared after normalising (emails lower-cased, phones as + and digits, names trimmed and case-folded), so formatting
          alone never counts as a disagreement.
        </p>
        {overview.knowledge.length === 0 ? (
          <p className="mt-3 text-sm text-slate-700">Neither side knows a name, email, phone, title or company yet.</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="knowledge">
              <caption className="sr-only">What the CRM and the CDP know</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-700">
                  <th scope="col" className="py-2 pr-3">
                    Field
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    CRM
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    CDP
                  </th>
                  <th scope="col" className="py-2">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.knowledge.map((r, i) => (
                  <tr key={`${r.field}-${i}`} className="border-b border-slate-100 align-top" data-status={r.status}>
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {r.field === "identifier" ? r.label : KNOWN_FIELD_LABELS[r.field]}
                    </th>
                    {[r.crm, r.cdp].map((v, n) => (
                      <td key={n} className="py-2 pr-3">
                        {v ? (
                          <>
                            <span className="break-all">{v.value}</span>
                            <span className="block text-xs text-slate-700">
                              {v.source}
                              {v.at ? <> · {when(new Date(v.at))}</> : null}
                            </span>
                          </>
                        ) : (
                          <span className="text-slate-700">—</span>
                        )}
                      </td>
                    ))}
                    <td className="py-2">
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[r.status].className}`}>{STATUS[r.status].label}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {profileId ? (
        <section id="profile-details" aria-labelledby="profile-details-heading" className="mb-8 scroll-mt-16">
          <h2 id="profile-details-heading" className="mb-3 text-lg font-semibold">
            Profile details
          </h2>
          <p className="mb-3 text-sm text-slate-700" data-testid="event-count-line">
            <span data-testid="event-count">{formatInt(summary.eventCount)}</span> events in all sources.
          </p>
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="min-w-0 space-y-6 lg:col-span-2">
              <TraitsTable traits={overview.traits?.traits ?? []} />
              {data.journal ? <MergeJournal entries={data.journal.entries} hasMore={data.journal.nextCursor !== null} /> : null}
            </div>
            <aside aria-label="Identities, first touch and accounts" className="min-w-0 space-y-4">
              <Identities profileId={profileId} identities={overview.identities} canSplit={isAdmin} />
              <FirstTouchCard touch={overview.traits?.firstTouch ?? null} />
              <AccountsCard accounts={data.accounts} />
            </aside>
          </div>
        </section>
      ) : null}

      {contact ? (
        <section id="contact-details" aria-labelledby="contact-details-heading" className={`scroll-mt-16 ${card}`}>
          <h2 id="contact-details-heading" className="text-lg font-semibold">
            Contact details
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-5">
            <div>
              <dt className={term}>Email</dt>
              <dd className="truncate">{contact.email ? <a href={`mailto:${contact.email}`} className="link">{contact.email}</a> : "—"}</dd>
            </div>
            <div>
              <dt className={term}>Phone</dt>
              <dd>{contact.phone ? <a href={`tel:${contact.phone}`} className="link">{contact.phone}</a> : "—"}</dd>
            </div>
            <div>
              <dt className={term}>Tickets</dt>
              <dd data-testid="ticket-count">{formatInt(data.tickets.ticketCount)}</dd>
            </div>
            <div>
              <dt className={term}>Open tasks</dt>
              <dd data-testid="open-tasks">{formatInt(data.openTasks)}</dd>
            </div>
            <div>
              <dt className={term}>Median resolution</dt>
              <dd data-testid="median-resolution">{formatHours(data.tickets.medianResolutionHours)}</dd>
            </div>
          </dl>
        </section>
      ) : null}
    </>
  );
}
