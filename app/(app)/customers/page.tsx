// Customers: unified profiles resolved from behavioural events (CDP).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { countRecords } from "@/lib/data/overview";
import { formatInt } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  await requireArea("customers");
  const counts = await countRecords();
  return (
    <>
      <PageHeader title="Customers" description="One profile per person, resolved from every device, visit and sign-in, beside what your team did with them." />
      <EmptyState title={counts.profiles ? "Customer profiles are on their way" : "No customer profiles yet"} icon="🧭">
        <p>
          {counts.profiles
            ? `${formatInt(counts.profiles)} profiles built from ${formatInt(counts.events)} events are in the database.`
            : "Profiles appear as soon as a source sends identify, track or page calls."}
        </p>
        <p>Search by any identifier, traits with their source, first touch and the event stream arrive with identity resolution.</p>
      </EmptyState>
    </>
  );
}
