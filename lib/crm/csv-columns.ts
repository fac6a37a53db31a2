// Which CSV columns an export of a view has: the record id first, then for each visible column its
// values, with readable labels beside ids (owner name and email beside owner_id, company name
// beside company_id) so the file makes sense outside Tandem. Pure; the export routes stream rows.
import type { CsvValue } from "./csv";
import type { CompanyColumn, ContactColumn } from "./view";

export interface CsvColumn<R> {
  header: string;
  get(row: R): CsvValue;
}

export interface ContactCsvSource {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  lifecycleStage: string;
  lastInteractionAt: Date | null;
  openTickets: number;
  createdAt: Date;
}

const CONTACT_CSV: Record<ContactColumn, CsvColumn<ContactCsvSource>[]> = {
  name: [
    { header: "first_name", get: (r) => r.firstName },
    { header: "last_name", get: (r) => r.lastName },
  ],
  email: [{ header: "email", get: (r) => r.email }],
  company: [
    { header: "company_id", get: (r) => r.companyId },
    { header: "company_name", get: (r) => r.companyName },
  ],
  owner: [
    { header: "owner_id", get: (r) => r.ownerId },
    { header: "owner_name", get: (r) => r.ownerName },
    { header: "owner_email", get: (r) => r.ownerEmail },
  ],
  stage: [{ header: "lifecycle_stage", get: (r) => r.lifecycleStage }],
  lastInteraction: [{ header: "last_interaction_at", get: (r) => r.lastInteractionAt }],
  openTickets: [{ header: "open_tickets", get: (r) => r.openTickets }],
  phone: [{ header: "phone", get: (r) => r.phone }],
  jobTitle: [{ header: "job_title", get: (r) => r.jobTitle }],
  createdAt: [{ header: "created_at", get: (r) => r.createdAt }],
};

export function contactCsvColumns(visible: readonly ContactColumn[]): CsvColumn<ContactCsvSource>[] {
  return [{ header: "id", get: (r) => r.id }, ...visible.flatMap((c) => CONTACT_CSV[c])];
}

export interface CompanyCsvSource {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  contacts: number;
  openTickets: number;
  createdAt: Date;
}

const COMPANY_CSV: Record<CompanyColumn, CsvColumn<CompanyCsvSource>[]> = {
  name: [{ header: "name", get: (r) => r.name }],
  domain: [{ header: "domain", get: (r) => r.domain }],
  industry: [{ header: "industry", get: (r) => r.industry }],
  size: [{ header: "size", get: (r) => r.size }],
  owner: [
    { header: "owner_id", get: (r) => r.ownerId },
    { header: "owner_name", get: (r) => r.ownerName },
    { header: "owner_email", get: (r) => r.ownerEmail },
  ],
  contacts: [{ header: "contacts", get: (r) => r.contacts }],
  openTickets: [{ header: "open_tickets", get: (r) => r.openTickets }],
  createdAt: [{ header: "created_at", get: (r) => r.createdAt }],
};

export function companyCsvColumns(visible: readonly CompanyColumn[]): CsvColumn<CompanyCsvSource>[] {
  return [{ header: "id", get: (r) => r.id }, ...visible.flatMap((c) => COMPANY_CSV[c])];
}
