// The analytics APIs' shared pieces: a saved audience named in a request resolved to its member set
// (404 audience_not_found), the conversion rule of an attribution request, and the JSON shapes of
// saved audiences and members (camelCase like every analytics API, dates as ISO strings, the
// caller's right to edit spelled out).
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { ApiError } from "./errors";
import { audienceNotFoundMessage, canEditAudience, type AudienceDefinition } from "../analytics/audiences";
import type { LifecycleRule } from "../analytics/lifecycle";
import { audienceMembersSql, getAudience, type SavedAudience } from "../data/audiences";
import { lifecycleSettings } from "../data/lifecycle";
import type { CustomerRow } from "../data/profiles";
import type { CsvValue } from "../crm/csv";

export async function savedAudienceOr404(id: string): Promise<SavedAudience> {
  const audience = await getAudience(id);
  if (!audience) throw new ApiError(404, "audience_not_found", audienceNotFoundMessage(id));
  return audience;
}

/**
 * The members of the saved audience `id` at `now` (default: this moment), as a person-id set for
 * another analysis, and the audience as the answer names it; null without an id.
 */
export async function audienceFilter(
  id: string | null | undefined,
  now: Date = new Date(),
): Promise<{ audience: { id: string; name: string; evaluatedAt: string }; members: Prisma.Sql } | null> {
  if (!id) return null;
  const a = await savedAudienceOr404(id);
  return { audience: { id: a.id, name: a.name, evaluatedAt: now.toISOString() }, members: audienceMembersSql(a.definition as AudienceDefinition, now) };
}

/** The conversion an attribution request names: an event, or the lifecycle setting's "became a customer". */
export async function conversionRule(event: string | null | undefined): Promise<{ rule: LifecycleRule; fromSetting: boolean }> {
  if (event) return { rule: { event, revenue: false }, fromSetting: false };
  return { rule: (await lifecycleSettings()).customer, fromSetting: true };
}

export function serializeAudience(a: SavedAudience, viewer: { id: string; role: string } | null) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    definition: a.definition,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    canEdit: viewer ? canEditAudience(viewer, a.createdBy?.id ?? null) : false,
  };
}

export function serializeMember(m: CustomerRow) {
  return {
    id: m.id,
    name: m.name,
    email: m.email,
    userId: m.userId,
    firstChannel: m.firstChannel,
    eventCount: m.eventCount,
    revenue: m.revenue,
    firstSeenAt: m.firstSeenAt?.toISOString() ?? null,
    lastSeenAt: m.lastSeenAt?.toISOString() ?? null,
    contact: m.contact,
  };
}

export type SerializedMember = ReturnType<typeof serializeMember>;
export type SerializedAudience = ReturnType<typeof serializeAudience>;

/** The columns of an audience's CSV export: who each member is and how to find them again. */
export const MEMBER_CSV_COLUMNS: { header: string; get(r: CustomerRow): CsvValue }[] = [
  { header: "Profile id", get: (r) => r.id },
  { header: "Name", get: (r) => r.name },
  { header: "Email", get: (r) => r.email },
  { header: "User id", get: (r) => r.userId },
  { header: "First channel", get: (r) => r.firstChannel },
  { header: "Events", get: (r) => r.eventCount },
  { header: "Revenue", get: (r) => r.revenue },
  { header: "First seen", get: (r) => r.firstSeenAt },
  { header: "Last seen", get: (r) => r.lastSeenAt },
  { header: "CRM contact id", get: (r) => r.contact?.id },
  { header: "CRM contact", get: (r) => r.contact?.name },
];
