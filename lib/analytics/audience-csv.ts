// The columns of an audience's CSV export: who each member is and how to find them again.
import type { CsvValue } from "../crm/csv";

export interface MemberCsvRow {
  id: string;
  name: string;
  email: string | null;
  userId: string | null;
  firstChannel: string | null;
  eventCount: number;
  revenue: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  contact: { id: string; name: string } | null;
}

export const MEMBER_CSV_COLUMNS: { header: string; get(r: MemberCsvRow): CsvValue }[] = [
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
