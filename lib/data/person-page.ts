// Everything the Customer 360 page reads, in one place and one after another (the embedded server
// serialises statements anyway, and interleaving them from one pool confuses it): the person, the
// summary, what each system knows, the gaps, the first page of the merged stream, the CRM side's
// pinned notes and authors, and the profile's details.
import "server-only";
import { lifecycleSettings } from "./lifecycle";
import { personOverview, type Person, type PersonContact, type PersonOverview } from "./person";
import { personEventNames, personStreamPage, STREAM_PAGE_SIZE, type EncodedStreamPage } from "./person-stream";
import { getContactSidePanel, pinnedNotes, timelineAuthors } from "./contact-page";
import { profileAccounts, profileMerges, type MergeJournalPage, type ProfileAccount } from "./profiles";
import { ticketStatsFor } from "./tickets";
import { listOwnerOptions, type OwnerOption } from "./contacts";
import type { TimelineItem } from "../crm/timeline";
import { describeRule, LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStageKey } from "../analytics/lifecycle";

export interface PersonPageData {
  person: Person;
  contact: PersonContact | null;
  overview: PersonOverview;
  stream: EncodedStreamPage;
  pinned: TimelineItem[];
  authors: { id: string; name: string }[];
  eventNames: { name: string; count: number }[];
  accounts: ProfileAccount[];
  journal: MergeJournalPage | null;
  tickets: { ticketCount: number; medianResolutionHours: number | null };
  openTasks: number;
  owners: OwnerOption[];
  /** How each lifecycle moment is defined (the one setting), for the summary's definitions. */
  lifecycleDefinitions: { key: LifecycleStageKey; label: string; rule: string }[];
}

export async function personPageData(person: Person, contactId: string | null, now: Date): Promise<PersonPageData> {
  const contact = (contactId ? person.contacts.find((c) => c.id === contactId) : null) ?? person.contacts[0] ?? null;
  const settings = await lifecycleSettings();
  const overview = await personOverview(person, contact, settings, now);
  const subject = { familyIds: person.familyIds, contactIds: contact ? [contact.id] : [] };
  const stream = await personStreamPage(subject, {}, null, STREAM_PAGE_SIZE, settings, overview.summary.milestones);
  const pinned = contact ? await pinnedNotes(contact.id) : [];
  const authors = contact ? await timelineAuthors(contact.id) : [];
  const eventNames = await personEventNames(person.familyIds);
  const accounts = person.familyIds.length ? await profileAccounts(person.familyIds) : [];
  const journal = person.profileId ? await profileMerges(person.profileId, { limit: 100 }) : null;
  const tickets = contact ? await ticketStatsFor({ contactId: contact.id }) : { ticketCount: 0, medianResolutionHours: null };
  const openTasks = contact ? (await getContactSidePanel(contact.id)).openTasks : 0;
  const owners = await listOwnerOptions();
  return {
    person,
    contact,
    overview,
    stream,
    pinned,
    authors,
    eventNames,
    accounts,
    journal,
    tickets,
    openTasks,
    owners,
    lifecycleDefinitions: LIFECYCLE_STAGES.map((key) => ({ key, label: LIFECYCLE_LABELS[key], rule: describeRule(settings[key]) })),
  };
}
