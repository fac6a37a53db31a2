// Metric settings: reporting currency, gross margin, monthly overhead and the windows every leadership
// figure uses (leadership and admins edit; marketing reads), with the lifecycle rule that defines a customer.
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { loadLifecycle } from "@/lib/data/lifecycle";
import { loadMetricSettings } from "@/lib/data/metric-settings";
import { describeRule } from "@/lib/analytics/lifecycle";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/leadership/parts";
import { MetricSettingsForm } from "@/components/leadership/settings-form";

export const metadata: Metadata = { title: "Metric settings · Leadership" };
export const dynamic = "force-dynamic";

export default async function MetricSettingsPage() {
  const user = await requireArea("leadership");
  const stored = await loadMetricSettings();
  const lifecycle = await loadLifecycle();
  return (
    <>
      <PageHeader title="Metric settings" description="What every CAC, LTV and MRR figure on the leadership dashboard and in the metrics API is computed with.">
        <Link href="/leadership" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Back to the dashboard
        </Link>
      </PageHeader>
      <Section id="settings" title="Settings" definition={stored.isDefault ? "The defaults (nobody has changed them)." : `Last changed ${stored.updatedAt ? formatDateTime(stored.updatedAt) : ""}${stored.updatedBy ? ` by ${stored.updatedBy}` : ""}.`}>
        <MetricSettingsForm settings={stored.settings} canEdit={can(user.role, "metrics:manage")} />
      </Section>
      <Section id="customer" title="Who counts as a customer" definition="The one lifecycle setting every view shares (the Customer 360 summary, journeys, funnels and these dashboards).">
        <p className="text-sm">
          A person becomes a customer at {describeRule(lifecycle.settings.customer)}
          {lifecycle.isDefault ? " (the default)" : ""}. Refunds never make a customer.
        </p>
      </Section>
    </>
  );
}
