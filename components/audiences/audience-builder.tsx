"use client";
// The audience builder: a name, the condition tree, and — as you edit, after a short pause — how many
// people match now and who they are (paged, each linking to their Customer 360 page). Saving keeps
// the definition (membership is always computed when asked); a saved audience can be exported as
// CSV, used as a filter on Attribution, and changed or deleted by its author or an admin.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataColumnMeta } from "@/components/data-table/data-table";
import { filterControl } from "@/components/data-table/filters";
import { ConfirmDialog } from "@/components/sources/confirm-dialog";
import { audienceDefinitionSchema, describeCondition, MEMBER_PAGE_SIZES, type AudienceDefinition } from "@/lib/analytics/audiences";
import type { SerializedMember } from "@/lib/api/analytics";
import { formatDateTime, formatInt, formatMoney } from "@/lib/format";
import { removeAudience, saveAudience } from "@/app/(app)/audiences/actions";
import { postJson } from "@/components/analytics/post-json";
import { Definitions, Field, runButton } from "@/components/analytics/report-parts";
import { GroupEditor, type EditorOptions } from "./condition-editor";

interface Saved {
  id: string;
  name: string;
  description: string | null;
  definition: AudienceDefinition;
  canEdit: boolean;
  author: string | null;
}

type Members = { total: number; page: number; size: number; evaluatedAt: string; members: (SerializedMember & { id: string })[] };
interface Live {
  /** The request this answer is for. */
  key: string | null;
  data?: Members;
  error?: string;
  busy?: { key: string; seconds: number };
}

const DEBOUNCE_MS = 500;
const none = <span className="text-slate-400">—</span>;

export function AudienceBuilder({ saved, start, startName = "", options }: { saved: Saved | null; start: AudienceDefinition; startName?: string; options: Omit<EditorOptions, "disabled"> }) {
  const router = useRouter();
  const [name, setName] = useState(saved?.name ?? startName);
  const [description, setDescription] = useState(saved?.description ?? "");
  const [definition, setDefinition] = useState<AudienceDefinition>(saved?.definition ?? start);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState<number>(MEMBER_PAGE_SIZES[0]);
  const [live, setLive] = useState<Live>({ key: null });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const canEdit = saved ? saved.canEdit : true;
  const dirty = saved ? JSON.stringify(saved.definition) !== JSON.stringify(definition) || saved.name !== name || (saved.description ?? "") !== description : true;

  const parsed = useMemo(() => audienceDefinitionSchema.safeParse(definition), [definition]);
  const problem = parsed.success ? null : parsed.error.issues[0]!.message;
  const owners = useMemo(() => Object.fromEntries(options.owners.map((o) => [o.id, o.name])), [options.owners]);

  // The live count and members: after a pause in editing, one request (the embedded database runs
  // one analysis at a time, so count and page come together). `key` names what is asked; the answer
  // remembers the key it was for, so "counting…" is simply an answer for another key.
  const key = problem ? null : JSON.stringify({ definition, page, size });
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await postJson<Members>("/api/v1/analytics/audiences/members", JSON.parse(key), {
          signal: ctl.signal,
          onBusy: (busySeconds) => setLive((l) => ({ ...l, busy: { key, seconds: busySeconds } })),
        });
        setLive((l) => (res.ok ? { key, data: res.data } : { key, data: l.data, error: res.message }));
      } catch (err) {
        if ((err as Error).name !== "AbortError") throw err;
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [key]);
  const loading = key !== null && live.key !== key;
  const busySeconds = loading && live.busy?.key === key ? live.busy.seconds : undefined;

  const edit = (d: AudienceDefinition) => {
    setDefinition(d);
    setPage(1);
    setMessage(null);
  };

  const members = live.data;
  const columns = useMemo<ColumnDef<SerializedMember & { id: string }>[]>(() => {
    const col = (id: string, header: string, cell: (m: SerializedMember) => React.ReactNode, align: "left" | "right" = "left"): ColumnDef<SerializedMember & { id: string }> => ({
      id,
      header,
      cell: ({ row }) => cell(row.original),
      meta: { label: header, align } satisfies DataColumnMeta,
    });
    return [
      col("name", "Name", (m) => (
        <Link href={`/customers/${m.id}`} className="font-medium text-brand-700 hover:underline">
          {m.name}
        </Link>
      )),
      col("email", "Email", (m) => m.email ?? none),
      col("channel", "First channel", (m) => m.firstChannel ?? none),
      col("revenue", "Revenue", (m) => (m.revenue ? formatMoney(m.revenue) : none), "right"),
      col("events", "Events", (m) => formatInt(m.eventCount), "right"),
      col("lastSeen", "Last seen", (m) => (m.lastSeenAt ? formatDateTime(m.lastSeenAt) : none)),
      col("contact", "CRM contact", (m) =>
        m.contact ? (
          <Link href={`/contacts/${m.contact.id}`} className="hover:underline">
            {m.contact.name}
          </Link>
        ) : (
          none
        ),
      ),
    ];
  }, []);
  const [visible, setVisible] = useState<string[]>(["name", "email", "channel", "revenue", "lastSeen", "contact"]);

  const save = (asNew: boolean) =>
    startTransition(async () => {
      const res = await saveAudience({ id: asNew ? null : (saved?.id ?? null), name, description, definition });
      if (!res.ok) {
        setMessage({ ok: false, text: res.message });
        return;
      }
      setMessage({ ok: true, text: "Saved." });
      if (!saved || asNew) router.push(`/audiences/${res.data.id}`);
      else router.refresh();
    });

  const remove = () =>
    startTransition(async () => {
      const res = await removeAudience({ id: saved!.id });
      if (!res.ok) {
        setConfirming(false);
        setMessage({ ok: false, text: res.message });
        return;
      }
      router.push("/audiences");
    });

  return (
    <div className="space-y-5">
      <form
        aria-label="Audience"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save(!canEdit);
        }}
      >
        <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
          <Field label="Name">
            <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} className={`${filterControl} w-72`} />
          </Field>
          <Field label="Description (optional)">
            <input maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} className={`${filterControl} w-96 max-w-full`} />
          </Field>
          <button type="submit" disabled={pending || !!problem || !name.trim()} className={runButton}>
            {saved ? (canEdit ? "Save changes" : "Save as a new audience") : "Save audience"}
          </button>
          {saved && canEdit ? (
            <button type="button" disabled={pending || !!problem || !name.trim()} onClick={() => save(true)} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
              Save as new
            </button>
          ) : null}
          {saved && canEdit ? (
            <button type="button" disabled={pending} onClick={() => setConfirming(true)} className="rounded-md border border-red-300 bg-white px-3 py-2 text-sm text-red-700 hover:bg-red-50">
              Delete
            </button>
          ) : null}
          <p role="status" aria-live="polite" className={`text-sm ${message?.ok ? "text-emerald-700" : "text-red-700"}`}>
            {message?.text}
          </p>
        </div>
        {saved && !canEdit ? <p className="text-sm text-slate-600">Made by {saved.author ?? "someone no longer here"}: only they or an admin can change it. You can explore and save your own copy.</p> : null}
        <GroupEditor group={definition} onChange={edit} options={options} />
      </form>

      <section aria-labelledby="audience-live" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="audience-live" className="font-semibold">
            Who matches now
          </h2>
          {saved ? (
            <div className="flex flex-wrap gap-3 text-sm">
              <a href={`/api/v1/analytics/audiences/${saved.id}/members?format=csv`} className="text-brand-700 underline" download>
                Export {dirty ? "the saved version " : ""}as CSV
              </a>
              <Link href={`/attribution?audience=${saved.id}`} className="text-brand-700 underline">
                Attribution for this audience
              </Link>
              <Link href={`/funnels?audience=${saved.id}`} className="text-brand-700 underline">
                Funnel for this audience
              </Link>
            </div>
          ) : (
            <p className="text-sm text-slate-500">Save the audience to export it or use it as a filter.</p>
          )}
        </div>
        <p className="text-sm text-slate-700">{describeCondition(definition, owners)}</p>
        <div aria-live="polite" className="text-sm">
          {problem ? (
            <p className="text-amber-800">Finish the conditions to see who matches: {problem}</p>
          ) : loading ? (
            <p role="status" className="text-slate-600">
              {busySeconds ? `Another analysis is running; trying again in ${busySeconds} s…` : "Counting…"}
            </p>
          ) : live.error ? (
            <p role="alert" className="text-red-700">
              {live.error}
            </p>
          ) : null}
        </div>
        {members && !problem ? (
          <>
            {/* While a newer count is computed the last one stays, dimmed and marked stale. */}
            <p className={`text-3xl font-semibold tabular-nums ${loading ? "opacity-50" : ""}`} aria-busy={loading || undefined}>
              <span data-testid="audience-count" data-stale={loading ? "true" : "false"}>
                {formatInt(members.total)}
              </span>{" "}
              <span className="text-base font-normal text-slate-600">people</span>
            </p>
            <DataTable
              caption="Audience members"
              columns={columns}
              rows={members.members}
              total={members.total}
              page={page}
              size={size}
              pageSizes={MEMBER_PAGE_SIZES}
              sort="lastSeen"
              dir="desc"
              visible={visible}
              pending={loading}
              empty={<p>No one matches these conditions right now.</p>}
              onSort={() => undefined}
              onPage={setPage}
              onSize={(s) => {
                setSize(s);
                setPage(1);
              }}
              onColumns={setVisible}
            />
          </>
        ) : null}
      </section>

      <Definitions
        items={[
          ["People", "Resolved people (live profiles): devices, merged profiles and their CRM contacts count as one person."],
          ["Now", `Membership is computed when you look, at that moment (last: ${members ? formatDateTime(members.evaluatedAt) : "—"}); “in the last N days” counts back from then, and nothing later counts.`],
          ["Did an event", "Track events with that exact name from any source, CRM copies included; “at least N×” counts them in the window; “did not do” means none in the window."],
          ["CRM interaction", "A call, email, meeting, demo, note or form fill logged on a CRM contact linked to the person, dated in the window."],
          ["Trait / profile field", "The current value. “is” compares text exactly; “contains” ignores case; >, <, ≥, ≤ read numbers and numeric text. “is not” and “does not contain” include people with no value."],
          ["CRM field", "The person’s linked contacts: “lifecycle stage is X” when one of them is at X, “owner is U” when one is owned by U; “is not” is the exact opposite (people without a contact included)."],
          ["Revenue to date", "The profile’s total revenue: every track event’s revenue, refunds included."],
        ]}
      />

      {saved ? (
        <ConfirmDialog open={confirming} title={`Delete “${saved.name}”?`} confirmLabel="Delete audience" danger pending={pending} onConfirm={remove} onCancel={() => setConfirming(false)}>
          <p>Its definition is removed for everyone. No person or event is changed.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
