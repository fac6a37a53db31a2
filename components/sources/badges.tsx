// Small labels used across the Sources pages (server- and client-safe).
import { KIND_LABELS, type SourceKind } from "@/lib/sources/inputs";

export function KindBadge({ kind }: { kind: SourceKind }) {
  return <span className="inline-flex rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{KIND_LABELS[kind] ?? kind}</span>;
}

export function StatusBadge({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <span className="inline-flex items-center gap-1 rounded bg-green-50 px-1.5 py-0.5 text-xs font-medium text-green-800">
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-green-600" />
      Enabled
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600">
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-slate-400" />
      Disabled
    </span>
  );
}

export function BuiltInBadge() {
  return <span className="inline-flex rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">built-in</span>;
}
