// Funnels: step-by-step conversion across all customers (CDP analytics).
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Funnels" };

export default async function FunnelsPage() {
  await requireArea("funnels");
  return (
    <>
      <PageHeader title="Funnels" description="How many people go from one step to the next, by channel and cohort, within a conversion window." />
      <EmptyState title="No funnels yet" icon="⏬">
        <p>Build a funnel from any sequence of events — visit, sign up, start a trial, pay — once the analytics release lands.</p>
      </EmptyState>
    </>
  );
}
