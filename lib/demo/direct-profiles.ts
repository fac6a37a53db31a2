// STAND-IN FOR IDENTITY RESOLUTION. The generator knows which messages belong to which person, so
// for now it writes profiles, identities and account memberships directly from that god's-eye view.
// A later issue replaces this whole module with the real path (lib/identity resolving the loaded
// events); nothing else in lib/demo depends on how these rows are derived, only on this function.
//
// It mirrors what resolution would conclude: every device of a person is linked by an identify that
// carries both the anonymous id and the user id (the generator guarantees that), so one person ends
// up as exactly one profile.
import { demoId } from "./ids";
import type { EventRow, IdentityRow, ProfileAccountRow, ProfileRow } from "./types";

export interface PersonEvents {
  index: number;
  events: EventRow[];
}

export interface DirectProfiles {
  profiles: ProfileRow[];
  identities: IdentityRow[];
  profileAccounts: ProfileAccountRow[];
  /** Profile id per person index (contacts link to it). */
  profileOf: Map<number, string>;
}

function nameOf(e: EventRow): string {
  if (e.type === "track") return e.event ?? "track";
  if (e.type === "page") return "Page Viewed";
  if (e.type === "identify") return "Identify";
  return "Group";
}

/**
 * Builds each person's profile from their messages and stamps events.profile_id.
 * `accountIdOf` maps a group id to the account row created for it.
 */
export function resolveProfilesDirectly(seed: number, people: PersonEvents[], accountIdOf: (groupId: string) => string | undefined): DirectProfiles {
  const out: DirectProfiles = { profiles: [], identities: [], profileAccounts: [], profileOf: new Map() };
  for (const person of people) {
    const events = person.events;
    if (events.length === 0) continue;
    const profileId = demoId(seed, "profile", person.index);
    out.profileOf.set(person.index, profileId);
    events.sort((a, b) => a.timestamp - b.timestamp);

    // Events are in time order, so the first sighting is firstSeenAt and every later one moves lastSeenAt.
    const identities: IdentityRow[] = [];
    const byType = { user_id: new Map<string, IdentityRow>(), anonymous_id: new Map<string, IdentityRow>(), email: new Map<string, IdentityRow>() };
    const see = (type: IdentityRow["type"], value: string, at: number) => {
      const prior = byType[type].get(value);
      if (prior) {
        prior.lastSeenAt = at;
      } else {
        const row: IdentityRow = { id: demoId(seed, "identity", person.index, identities.length), type, value, profileId, firstSeenAt: at, lastSeenAt: at };
        byType[type].set(value, row);
        identities.push(row);
      }
    };

    let traits: Record<string, unknown> = {};
    let revenueCents = 0;
    const accounts = new Map<string, number>();
    let firstTouch: EventRow | undefined;
    for (const e of events) {
      e.profileId = profileId;
      if (e.userId) see("user_id", e.userId, e.timestamp);
      if (e.anonymousId) see("anonymous_id", e.anonymousId, e.timestamp);
      if (e.type === "identify") {
        traits = { ...traits, ...e.traits };
        const email = e.traits.email;
        if (typeof email === "string") see("email", email, e.timestamp);
      }
      if (e.type === "group" && e.groupId) {
        const accountId = accountIdOf(e.groupId);
        if (accountId && !accounts.has(accountId)) accounts.set(accountId, e.timestamp);
      }
      const revenue = e.properties.revenue;
      if (typeof revenue === "number") revenueCents += Math.round(revenue * 100);
      if (!firstTouch && e.context.page) firstTouch = e;
    }

    const page = (firstTouch?.context.page ?? {}) as { url?: string; referrer?: string };
    const campaign = (firstTouch?.context.campaign ?? {}) as { source?: string; medium?: string; name?: string };
    const last = events[events.length - 1];
    out.profiles.push({
      id: profileId,
      traits,
      firstSeenAt: events[0].timestamp,
      lastSeenAt: last.timestamp,
      firstChannel: firstTouch?.channel ?? null,
      firstUtmSource: campaign.source ?? null,
      firstUtmMedium: campaign.medium ?? null,
      firstUtmCampaign: campaign.name ?? null,
      firstReferrer: page.referrer || null,
      firstLandingPage: page.url ?? null,
      eventCount: events.length,
      totalRevenue: (revenueCents / 100).toFixed(2),
      lastEventName: nameOf(last),
      lastEventAt: last.timestamp,
    });
    out.identities.push(...identities);
    for (const [accountId, joinedAt] of accounts) out.profileAccounts.push({ profileId, accountId, joinedAt });
  }
  return out;
}
