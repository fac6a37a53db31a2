import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";

const COLORS: Record<LifecycleStage, string> = {
  subscriber: "bg-slate-100 text-slate-700",
  lead: "bg-sky-50 text-sky-800",
  mql: "bg-indigo-50 text-indigo-800",
  sql: "bg-violet-50 text-violet-800",
  opportunity: "bg-amber-50 text-amber-800",
  customer: "bg-emerald-50 text-emerald-800",
  evangelist: "bg-teal-50 text-teal-800",
  other: "bg-slate-100 text-slate-600",
};

export function StageBadge({ stage }: { stage: LifecycleStage }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[stage]}`}>{STAGE_LABELS[stage]}</span>;
}
