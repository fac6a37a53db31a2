// A person for the Customer 360 page and the timeline API: a CDP profile (with every profile merged
// into it), the CRM contacts linked to it by email, or a contact with no profile. Finds the person
// from any of them, and reads what the page shows above the stream: the header, the journey summary
// (facts, milestones of the one lifecycle setting, narrative), what each system knows, and the gaps.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/prisma";
import type { PersonRef } from "../identity/profile-ref";
import type { LifecycleSettings } from "../analytics/lifecycle";
import { compareKnowledge, type CdpTrait, type KnowledgeRow, type KnownField, type KnownValue } from "../customer360/knowledge";
import { journeyNarrative, personGaps, SALES_TOUCH_KINDS, type GapKind, type JourneyFacts, type SalesTouch } from "../customer360/journey";
import { contactDisplayName } from "./contact-page";
import { findProfile, profileExternalIds, profileTraits, type ProfileIdentity, type ProfileTraits } from "./profiles";
import { personMilestones, type Milestones } from "./person-stream";

export interface PersonContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  company: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  lifecycleStage: string;
  profileId: string | null;
  createdAt: Date;
}

export interface Person {
  /** The live profile, or null for a contact the product has never seen. */
  profileId: string | null;
  /** The live profile and the profiles merged into it. */
  familyIds: string[];
  /** Contacts linked to the profile family (or the one contact), oldest first. */
  contacts: PersonContact[];
}

interface ContactRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  job_title: string | null;
  company_id: string | null;
  company_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  lifecycle_stage: string;
  profile_id: string | null;
  created_at: Date;
}

const toContact = (r: ContactRow): PersonContact => ({
  id: r.id,
  name: contactDisplayName({ firstName: r.first_name, lastName: r.last_name, email: r.email }),
  email: r.email,
  phone: r.phone,
  firstName: r.first_name,
  lastName: r.last_name,
  jobTitle: r.job_title,
  company: r.company_id ? { id: r.company_id, name: r.company_name ?? "" } : null,
  owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? "" } : null,
  lifecycleStage: r.lifecycle_stage,
  profileId: r.profile_id,
  createdAt: r.created_at,
});

async function contactsWhere(where: Prisma.Sql): Promise<PersonContact[]> {
  const rows = await db().$queryRaw<ContactRow[]>`
    SELECT c.id, c.email, c.first_name, c.last_name, c.phone, c.job_title, c.company_id, co.name AS company_name, c.owner_id,
      u.name AS owner_name, c.lifecycle_stage::text AS lifecycle_stage, c.profile_id, c.created_at
    FROM contacts c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN users u ON u.id = c.owner_id
    WHERE ${where} ORDER BY c.created_at, c.id`;
  return rows.map(toContact);
}

/** The person around a live profile id. */
export async function personByProfile(liveId: string): Promise<Person> {
  const family = await db().$queryRaw<{ id: string }[]>`SELECT id FROM profiles WHERE merged_into_id = ${liveId} ORDER BY seq`;
  const familyIds = [liveId, ...family.map((r) => r.id)];
  return { profileId: liveId, familyIds, contacts: await contactsWhere(Prisma.sql`c.profile_id = ANY(${familyIds}::text[])`) };
}

/** The person around a contact: its profile's person when it has one, else the contact alone. */
export async function personByContact(contactId: string): Promise<Person | null> {
  const [contact] = await contactsWhere(Prisma.sql`c.id = ${contactId}`);
  if (!contact) return null;
  const live = contact.profileId ? await findProfile({ kind: "profile_id", id: contact.profileId }) : null;
  if (!live) return { profileId: null, familyIds: [], contacts: [contact] };
  const person = await personByProfile(live);
  // The contact asked for is always part of the person (even while its link is being rewritten).
  return person.contacts.some((c) => c.id === contactId) ? person : { ...person, contacts: [...person.contacts, contact] };
}

/** The person a Profile API ref names, or null. */
export async function personByRef(ref: PersonRef): Promise<Person | null> {
  if (ref.kind === "contact_id") return personByContact(ref.id);
  const live = await findProfile(ref);
  return live ? personByProfile(live) : null;
}

// ───────────────────────────── the summary ─────────────────────────────

export interface JourneySummary {
  facts: JourneyFacts;
  lastSeenAt: Date | null;
  revenue: number;
  eventCount: number;
  openTickets: number;
  narrative: string | null;
  milestones: Milestones;
}

const idIn = (column: string, ids: string[]) =>
  ids.length === 1 ? Prisma.sql`${Prisma.raw(column)} = ${ids[0]}` : Prisma.sql`${Prisma.raw(column)} = ANY(${ids}::text[])`;

/**
 * The latest sales touch (call, email, meeting, demo) on the contacts before `before` (when given),
 * and the latest of all.
 */
async function salesTouches(contactIds: string[], before: Date | null): Promise<{ before: SalesTouch | null; latest: SalesTouch | null }> {
  if (!contactIds.length) return { before: null, latest: null };
  const rows = await db().$queryRaw<{ which: string; kind: string; occurred_at: Date; author: string | null }[]>`
    SELECT x.which, x.kind, x.occurred_at, u.name AS author FROM (
      (SELECT 'latest' AS which, i.kind::text AS kind, i.occurred_at, i.author_id FROM interactions i
        WHERE ${idIn("i.contact_id", contactIds)} AND i.kind::text = ANY(${[...SALES_TOUCH_KINDS]}::text[])
        ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)
      UNION ALL
      (SELECT 'before', i.kind::text, i.occurred_at, i.author_id FROM interactions i
        WHERE ${idIn("i.contact_id", contactIds)} AND i.kind::text = ANY(${[...SALES_TOUCH_KINDS]}::text[]) ${before ? Prisma.sql`AND i.occurred_at <= ${before}` : Prisma.empty}
        ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)
    ) x LEFT JOIN users u ON u.id = x.author_id`;
  const pick = (w: string) => {
    const r = rows.find((x) => x.which === w);
    return r ? { kind: r.kind, at: r.occurred_at, author: r.author } : null;
  };
  return { before: pick("before"), latest: pick("latest") };
}

async function openTicketCount(contactIds: string[]): Promise<number> {
  if (!contactIds.length) return 0;
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM tickets WHERE ${idIn("contact_id", contactIds)} AND status IN ('new', 'open', 'pending', 'on_hold')`;
  return row?.n ?? 0;
}

/** Whether any of the family's events comes from a non-CRM source (stops at the first one). */
async function seenInProduct(familyIds: string[]): Promise<boolean> {
  if (!familyIds.length) return false;
  const [row] = await db().$queryRaw<{ seen: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM events e WHERE ${idIn("e.profile_id", familyIds)} AND e.source_id NOT IN (SELECT id FROM sources WHERE kind = 'crm')) AS seen`;
  return row?.seen ?? false;
}

export interface PersonOverview {
  /** Whether the product has seen the person: an event from a non-CRM source (a profile made only by
   *  CRM activity — an outbound prospect's — has none). */
  productSeen: boolean;
  traits: ProfileTraits | null;
  identities: ProfileIdentity[];
  summary: JourneySummary;
  knowledge: KnowledgeRow[];
  gaps: GapKind[];
}

/** Field → the CRM's value with its time (the field's last change in field_history, else creation). */
async function contactKnowledge(c: PersonContact): Promise<Partial<Record<KnownField, KnownValue | null>>> {
  const changed = await db().$queryRaw<{ field: string; at: Date }[]>`
    SELECT field, max(changed_at) AS at FROM field_history WHERE entity = 'contact' AND entity_id = ${c.id} GROUP BY field`;
  const at = (field: string) => (changed.find((r) => r.field === field)?.at ?? c.createdAt).toISOString();
  const v = (value: string | null, field: string): KnownValue | null => (value ? { value, source: "CRM", at: at(field) } : null);
  return {
    email: v(c.email, "email"),
    phone: v(c.phone, "phone"),
    firstName: v(c.firstName, "firstName"),
    lastName: v(c.lastName, "lastName"),
    title: v(c.jobTitle, "jobTitle"),
    company: v(c.company?.name ?? null, "companyId"),
  };
}

/**
 * Everything above the stream for `contact` (the contact shown, when the person has one). Statements
 * run one after another (the embedded server serialises them anyway).
 */
export async function personOverview(person: Person, contact: PersonContact | null, settings: LifecycleSettings, now: Date): Promise<PersonOverview> {
  const traits = person.profileId ? await profileTraits(person.profileId) : null;
  const identities = person.profileId ? await profileExternalIds(person.profileId) : [];
  const milestones = await personMilestones(person.familyIds, settings);
  const productSeen = await seenInProduct(person.familyIds);
  const contactIds = person.contacts.map((c) => c.id);
  const customerAt = milestones.customer?.at ?? null;
  const touches = await salesTouches(contactIds, customerAt);
  const touch = touches.before;
  const latestTouch = touches.latest;
  const openTickets = await openTicketCount(contactIds);
  const ft = traits?.firstTouch ?? null;
  const facts: JourneyFacts = {
    firstTouch: ft ? { at: ft.at, channel: ft.channel, utmSource: ft.utmSource, utmCampaign: ft.utmCampaign, referrer: ft.referrer, landingPage: ft.landingPage } : null,
    firstSeenAt: traits?.computed.firstSeen ?? null,
    signedUpAt: milestones.signedUp?.at ?? null,
    trialStartedAt: milestones.trialStarted?.at ?? null,
    customerAt,
    salesTouch: touch,
  };
  const cdpTraits: Record<string, CdpTrait> | null = traits
    ? Object.fromEntries(traits.traits.map((t) => [t.key, { value: t.value, source: t.sourceName ?? t.sourceId ?? "CDP", at: t.at?.toISOString() ?? null }]))
    : null;
  const knowledge = compareKnowledge({
    crm: contact ? await contactKnowledge(contact) : null,
    traits: cdpTraits,
    identities: identities.map((i) => ({ type: i.type, value: i.value, at: i.firstSeenAt.toISOString() })),
  });
  const gaps = personGaps(
    {
      hasProfile: productSeen,
      hasEmail: identities.some((i) => i.type === "email"),
      hasContact: person.contacts.length > 0,
      ownerId: contact?.owner?.id ?? null,
      lastSeenAt: traits?.computed.lastSeen ?? null,
      signedUpAt: facts.signedUpAt,
      trialStartedAt: facts.trialStartedAt,
      customerAt,
      lastSalesTouchAt: latestTouch?.at ?? null,
    },
    now,
  );
  return {
    productSeen,
    traits,
    identities,
    summary: {
      facts,
      lastSeenAt: traits?.computed.lastSeen ?? null,
      revenue: traits?.computed.totalRevenue ?? 0,
      eventCount: traits?.computed.eventCount ?? 0,
      openTickets,
      narrative: journeyNarrative(facts, now),
      milestones,
    },
    knowledge,
    gaps,
  };
}
