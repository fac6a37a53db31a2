// Customers: one row per live profile (resolved from every device, visit and sign-in), searchable by any
// identifier or trait value, sortable, paged on the server. The view is the URL (lib/identity/customers-view.ts).
//
// The guard runs before anything streams (a real redirect / 403); the table streams in under a skeleton.
// That skeleton is a Suspense boundary here rather than a loading.tsx: a loading.tsx in this folder
// would also wrap customers/[id], whose 404 and merged-id redirect must stay outside any boundary.
import { Suspense } from "react";
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { listCustomers } from "@/lib/data/profiles";
import { parseCustomersView, type CustomersView } from "@/lib/identity/customers-view";
import { PageHeader } from "@/components/ui/page-header";
import { CustomersTable } from "@/components/customers/customers-table";
import { CustomersTableSkeleton } from "@/components/customers/skeletons";

export const metadata: Metadata = { title: "Customers" };

async function CustomersResults({ view }: { view: CustomersView }) {
  const page = await listCustomers(view);
  return <CustomersTable rows={page.rows} total={page.total} view={view} />;
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("customers");
  const view = parseCustomersView(await searchParams);
  return (
    <>
      <PageHeader
        title="Customers"
        description="One profile per person, resolved from every device, visit and sign-in. Search by any identifier (email, user id, phone, anonymous id) or trait value; the view is kept in the address."
      />
      <Suspense fallback={<CustomersTableSkeleton />}>
        <CustomersResults view={view} />
      </Suspense>
    </>
  );
}
