// A profile's traits: latest value per key with the source that set it and when. Values are shown as
// text (objects as JSON), never as markup.
import { formatDateTime } from "@/lib/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface TraitView {
  key: string;
  value: unknown;
  sourceId: string | null;
  sourceName: string | null;
  at: Date | null;
}

export function traitText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}

export function TraitsTable({ traits }: { traits: TraitView[] }) {
  return (
    <section aria-labelledby="traits-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="traits-heading" className="text-sm font-semibold">
        Traits
      </h2>
      {traits.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No traits yet: they come from identify calls (and the CRM when a contact is linked).</p>
      ) : (
        <ScrollRegion label="Traits" className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Traits</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Trait</th>
                <th scope="col" className="py-1 pr-3">Value</th>
                <th scope="col" className="py-1 pr-3">Source</th>
                <th scope="col" className="py-1">Set</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {traits.map((t) => (
                <tr key={t.key} className="align-top">
                  <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-medium">{t.key}</th>
                  <td className="max-w-md py-1.5 pr-3 break-words whitespace-pre-wrap">{traitText(t.value)}</td>
                  <td className="py-1.5 pr-3 whitespace-nowrap text-slate-600">{t.sourceName ?? t.sourceId ?? "—"}</td>
                  <td className="py-1.5 whitespace-nowrap text-slate-600">
                    {t.at ? <time dateTime={t.at.toISOString()}>{formatDateTime(t.at)}</time> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
