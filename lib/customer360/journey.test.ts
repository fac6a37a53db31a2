import { describe, expect, it } from "vitest";
import { channelPhrase, journeyNarrative, personGaps, type GapInput, type JourneyFacts } from "./journey";

const d = (s: string) => new Date(`${s}Z`);
const NOW = d("2026-06-01T12:00:00");
const none: JourneyFacts = { firstTouch: null, firstSeenAt: null, signedUpAt: null, trialStartedAt: null, customerAt: null, salesTouch: null };

describe("journeyNarrative", () => {
  it("tells the issue's example", () => {
    const f: JourneyFacts = {
      ...none,
      firstTouch: { at: d("2026-03-03T09:00:00"), channel: "Paid Social", utmSource: "linkedin", utmCampaign: "q4-launch", referrer: null, landingPage: "/pricing" },
      signedUpAt: d("2026-03-03T09:20:00"),
      trialStartedAt: d("2026-03-03T09:21:00"),
      customerAt: d("2026-04-02T10:00:00"),
      salesTouch: { kind: "demo", at: d("2026-03-27T15:00:00"), author: "Priya Raman" },
    };
    expect(journeyNarrative(f, NOW)).toBe("Arrived from a LinkedIn ad (q4-launch) on 3 Mar, started a trial the same day, became a customer on 2 Apr, 6 days after a demo with Priya.");
  });
  const cases: [string, JourneyFacts, string | null][] = [
    ["nothing known", none, null],
    ["a direct visitor who signed up later", { ...none, firstTouch: { at: d("2026-05-01T10:00:00"), channel: "Direct", utmSource: null, utmCampaign: null, referrer: null, landingPage: "/" }, signedUpAt: d("2026-05-04T10:00:00") }, "Arrived directly on 1 May, signed up on 4 May, not a customer yet."],
    ["organic search from the referrer", { ...none, firstTouch: { at: d("2025-12-30T10:00:00"), channel: "Organic Search", utmSource: null, utmCampaign: null, referrer: "https://www.google.com/", landingPage: "/" } }, "Arrived from Google search on 30 Dec 2025."],
    ["a customer with no sales touch", { ...none, firstSeenAt: d("2026-02-01T00:00:00"), customerAt: d("2026-02-01T05:00:00") }, "Arrived directly on 1 Feb, became a customer the same day."],
    ["a sales touch after paying is not credited", { ...none, firstSeenAt: d("2026-02-01T00:00:00"), customerAt: d("2026-02-10T00:00:00"), salesTouch: { kind: "call", at: d("2026-02-11T00:00:00"), author: "Sam Sales" } }, "Arrived directly on 1 Feb, became a customer on 10 Feb."],
    ["a call the same day", { ...none, firstSeenAt: d("2026-02-01T00:00:00"), customerAt: d("2026-02-10T18:00:00"), salesTouch: { kind: "call", at: d("2026-02-10T09:00:00"), author: null } }, "Arrived directly on 1 Feb, became a customer on 10 Feb, the day of a call."],
  ];
  for (const [name, f, want] of cases) it(name, () => expect(journeyNarrative(f, NOW)).toBe(want));
});

describe("channelPhrase", () => {
  it.each([
    [{ channel: "Paid Search", utmSource: "google", referrer: null }, "a Google search ad"],
    [{ channel: "Referral", utmSource: null, referrer: "https://www.g2.com/products/x" }, "a link on g2.com"],
    [{ channel: "Email", utmSource: "newsletter", referrer: null }, "an email"],
    [{ channel: "Display", utmSource: null, referrer: null }, "the Display channel"],
  ])("%o → %s", (t, want) => expect(channelPhrase(t)).toBe(want));
});

describe("personGaps", () => {
  const base: GapInput = { hasProfile: true, hasEmail: true, hasContact: true, ownerId: "u1", lastSeenAt: d("2026-05-30T00:00:00"), signedUpAt: d("2026-05-01T00:00:00"), trialStartedAt: null, customerAt: null, lastSalesTouchAt: null };
  const cases: [string, Partial<GapInput>, string[]][] = [
    ["a covered person has no gaps", {}, []],
    ["an active product user with no contact", { hasContact: false, ownerId: null }, ["lead_no_contact"]],
    ["not active for 31 days: no lead", { hasContact: false, ownerId: null, lastSeenAt: d("2026-05-01T11:00:00") }, []],
    ["anonymous and not signed up: no lead", { hasContact: false, ownerId: null, hasEmail: false, signedUpAt: null }, []],
    ["a customer whose contact has no owner", { ownerId: null, customerAt: d("2026-05-10T00:00:00") }, ["no_owner"]],
    ["a customer with no contact at all", { hasContact: false, ownerId: null, customerAt: d("2026-05-10T00:00:00") }, ["no_owner", "lead_no_contact"]],
    ["an active trial nobody talked to", { trialStartedAt: d("2026-05-25T00:00:00") }, ["trial_no_touch"]],
    ["a touch before the trial does not count", { trialStartedAt: d("2026-05-25T00:00:00"), lastSalesTouchAt: d("2026-05-20T00:00:00") }, ["trial_no_touch"]],
    ["a touch since the trial closes the gap", { trialStartedAt: d("2026-05-25T00:00:00"), lastSalesTouchAt: d("2026-05-26T00:00:00") }, []],
    ["a trial older than 14 days is not active", { trialStartedAt: d("2026-05-17T12:00:00") }, []],
    ["a contact with no profile was never seen", { hasProfile: false, hasEmail: false, lastSeenAt: null, signedUpAt: null }, ["never_seen"]],
  ];
  for (const [name, over, want] of cases) it(name, () => expect(personGaps({ ...base, ...over }, NOW)).toEqual(want));
});
