// Funnels: step-by-step conversion of resolved people — the builder, its results, and the saved funnels
// everyone with analytics access shares. The funnel in view is the URL (?id= a saved one, ?f= the
// builder's state), so any funnel can be shared by link; ?audience= starts a new one limited to a saved audience.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { canEditSaved } from "@/lib/auth/permissions";
import { decodeState, starterState } from "@/lib/analytics/funnel-builder";
import { listAudiences } from "@/lib/data/audiences";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { lifecycleSettings } from "@/lib/data/lifecycle";
import { listSavedFunnels } from "@/lib/data/saved-funnels";
import { PageHeader } from "@/components/ui/page-header";
import { FunnelBuilder, type SavedSummary } from "@/components/funnels/funnel-builder";

export const metadata: Metadata = { title: "Funnels" };

export default async function FunnelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireArea("funnels");
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  // One after another: the embedded database server mixes up concurrent statements of one pool.
  const saved = await listSavedFunnels();
  const catalog = await listEventCatalog();
  const lifecycle = await lifecycleSettings();
  const audiences = await listAudiences();

  const id = one(sp.id);
  const chosen = id ? (saved.find((f) => f.id === id) ?? null) : null;
  const fromUrl = decodeState(one(sp.f));
  const starter = starterState(lifecycle.signedUp.event, lifecycle.trialStarted.event);
  const forAudience = audiences.find((a) => a.id === one(sp.audience));
  const initial = fromUrl ?? chosen?.definition ?? (forAudience ? { ...starter, audienceId: forAudience.id } : starter);
  const summary = (f: (typeof saved)[number]): SavedSummary => ({ id: f.id, name: f.name, authorName: f.authorName, updatedAt: f.updatedAt.toISOString(), canEdit: canEditSaved(user, f.authorId) });

  return (
    <>
      <PageHeader
        title="Funnels"
        description="How many people go from one step to the next within a conversion window — counted as resolved people, so anonymous visits before sign-up belong to the person who signed up — by channel or any property, with who converted and who dropped off."
      />
      {id && !chosen ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          That saved funnel no longer exists; it may have been deleted. Here is a new one.
        </p>
      ) : null}
      {chosen && !chosen.definition && !fromUrl ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          “{chosen.name}” was saved in a form this version cannot read; rebuild it and save over it, or delete it.
        </p>
      ) : null}
      {one(sp.f) && !fromUrl ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          The funnel in this link could not be read (it may be cut short); here is {chosen ? "the saved version" : "a new funnel"}.
        </p>
      ) : null}
      <FunnelBuilder
        key={chosen?.id ?? "new"}
        catalog={catalog}
        audiences={audiences.map((a) => ({ id: a.id, name: a.name }))}
        initial={initial}
        starter={starter}
        autoRun={!!(fromUrl || chosen?.definition)}
        saved={saved.map(summary)}
        current={chosen ? summary(chosen) : null}
      />
    </>
  );
}
