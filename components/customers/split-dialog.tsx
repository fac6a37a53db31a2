"use client";
// Undoing a bad merge (admins): the "Split…" dialog of a profile's identities. The admin ticks the
// identifiers that belong to another person; they move to a new profile with the events they lead,
// and the two profiles are kept apart until an admin or an explicit alias links them again.
//
// SplitControls owns the one dialog of the page and registers itself, so controls elsewhere on the
// page (a merge journal entry's "Undo…", UndoMergeButton) can open it with identifiers pre-ticked
// without the page passing state around: they render nothing when no SplitControls is mounted
// (non-admins) or when none of their identifiers is still on this profile.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, useSyncExternalStore, useTransition } from "react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { splitProfileAction } from "@/app/(app)/customers/[id]/actions";

export interface SplitIdentifier {
  type: string;
  value: string;
}

export interface SplitGroup {
  type: string;
  label: string;
  values: string[];
}

const keyOf = (i: SplitIdentifier) => `${i.type}\u0000${i.value}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

// ───────────────────────────── the page's split controller ─────────────────────────────

interface Controller {
  profileId: string;
  has(key: string): boolean;
  open(preselect: SplitIdentifier[]): void;
}

let controller: Controller | null = null;
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
function setController(c: Controller | null) {
  controller = c;
  for (const l of listeners) l();
}

const OpenContext = createContext<((preselect: SplitIdentifier[]) => void) | null>(null);

/** The split dialog of one profile, and what opens it: the "Split…" button and each identifier's SplitOffButton. */
export function SplitControls({ profileId, groups, children }: { profileId: string; groups: SplitGroup[]; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const keys = useMemo(() => new Set(groups.flatMap((g) => g.values.map((value) => keyOf({ type: g.type, value })))), [groups]);

  const openWith = useCallback(
    (preselect: SplitIdentifier[]) => {
      setSelected(new Set(preselect.map(keyOf).filter((k) => keys.has(k))));
      setOpen(true);
    },
    [keys],
  );

  useEffect(() => {
    const c: Controller = { profileId, has: (k) => keys.has(k), open: openWith };
    setController(c);
    return () => {
      if (controller === c) setController(null);
    };
  }, [profileId, keys, openWith]);

  const close = useCallback(() => setOpen(false), []);

  return (
    <OpenContext.Provider value={openWith}>
      {children}
      {open ? <SplitDialog profileId={profileId} groups={groups} selected={selected} onChange={setSelected} onClose={close} /> : null}
    </OpenContext.Provider>
  );
}

/** The section's "Split…" button: opens the dialog with nothing ticked. */
export function SplitButton() {
  const open = useContext(OpenContext);
  if (!open) return null;
  return (
    <button
      type="button"
      onClick={() => open([])}
      aria-haspopup="dialog"
      className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      Split…
    </button>
  );
}

/** Beside one identifier: opens the dialog with that identifier ticked. */
export function SplitOffButton({ identity }: { identity: SplitIdentifier }) {
  const open = useContext(OpenContext);
  if (!open) return null;
  return (
    <button
      type="button"
      onClick={() => open([identity])}
      aria-haspopup="dialog"
      aria-label={`Split off ${identity.type} ${identity.value}…`}
      title="Move this identifier to a new profile"
      className="shrink-0 rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-800"
    >
      Split off…
    </button>
  );
}

/**
 * For a merge or alias entry of the merge journal: "Undo…" opens this page's split dialog with the
 * entry's identifiers that are still on the profile ticked. Renders nothing for non-admins (no
 * split dialog on the page) or when none of them is still here.
 */
export function UndoMergeButton({ identifiers }: { identifiers: SplitIdentifier[] }) {
  const c = useSyncExternalStore(
    subscribe,
    () => controller,
    () => null,
  );
  if (!c) return null;
  const here = identifiers.filter((i) => c.has(keyOf(i)));
  if (here.length === 0) return null;
  return (
    <button
      type="button"
      onClick={() => c.open(here)}
      aria-haspopup="dialog"
      title="Split these identifiers off into a new profile"
      className="rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50"
    >
      Undo…
    </button>
  );
}

// ───────────────────────────── the dialog ─────────────────────────────

function SplitDialog({
  profileId,
  groups,
  selected,
  onChange,
  onClose,
}: {
  profileId: string;
  groups: SplitGroup[];
  selected: ReadonlySet<string>;
  onChange: (next: ReadonlySet<string>) => void;
  onClose: () => void;
}) {
  const ref = useModalDialog();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ newProfileId: string; movedEvents: number } | null>(null);
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const summaryId = `${id}-summary`;
  const errorId = `${id}-error`;
  const total = groups.reduce((n, g) => n + g.values.length, 0);
  const count = selected.size;
  const busy = pending || done !== null;

  function toggle(key: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
    setError(null);
  }

  function toggleGroup(g: SplitGroup, on: boolean) {
    const next = new Set(selected);
    for (const value of g.values) {
      const k = keyOf({ type: g.type, value });
      if (on) next.add(k);
      else next.delete(k);
    }
    onChange(next);
    setError(null);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    if (count === 0) return setError("Tick at least one identifier that belongs to another person.");
    if (count === total) return setError("Leave at least one identifier on this profile: moving all of them would only rename it.");
    const identifiers = groups.flatMap((g) => g.values.filter((value) => selected.has(keyOf({ type: g.type, value }))).map((value) => ({ type: g.type, value })));
    setError(null);
    startTransition(async () => {
      const res = await splitProfileAction({ profileId, identifiers });
      if (!res.ok) {
        setError(res.message);
        return;
      }
      setDone(res.data);
      router.push(`/customers/${res.data.newProfileId}`);
    });
  }

  const summary =
    count === 0
      ? "Nothing is ticked yet: tick the identifiers that belong to another person."
      : count === total
        ? "Every identifier is ticked: leave at least one on this profile."
        : `${plural(count, "identifier")} and the events they lead move to a new profile; the two profiles stay apart unless an admin or an alias links them.`;

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="split-dialog"
      onCancel={(e) => {
        // Escape: close, unless the split is under way.
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it too.
        if (e.target === ref.current && !busy) onClose();
      }}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={onSubmit} noValidate aria-busy={pending} className="flex max-h-[calc(100vh-4rem)] flex-col p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Split this profile
        </h2>
        <p id={descId} className="mt-1 text-sm text-slate-600">
          Tick the identifiers that belong to another person. They move to a new profile, with each event whose highest-priority identifier moves;
          everything else stays here.
        </p>

        <div className="mt-3 min-h-0 flex-1 space-y-3 overflow-auto pr-1">
          {groups.map((g) => {
            const ticked = g.values.filter((value) => selected.has(keyOf({ type: g.type, value }))).length;
            return (
              <fieldset key={g.type} disabled={busy}>
                <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  {g.label} <span className="font-normal normal-case">({g.values.length})</span>
                </legend>
                {g.values.length > 1 ? (
                  <label className="mt-1 flex items-center gap-2 text-xs text-slate-600">
                    <input
                      type="checkbox"
                      className="h-4 w-4 rounded border-slate-300"
                      checked={ticked === g.values.length}
                      ref={(el) => {
                        if (el) el.indeterminate = ticked > 0 && ticked < g.values.length;
                      }}
                      onChange={(e) => toggleGroup(g, e.target.checked)}
                    />
                    All {g.label.toLowerCase()}
                  </label>
                ) : null}
                <ul className="mt-1 space-y-1">
                  {g.values.map((value) => {
                    const k = keyOf({ type: g.type, value });
                    return (
                      <li key={value}>
                        <label className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                          <input
                            type="checkbox"
                            className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300"
                            checked={selected.has(k)}
                            onChange={(e) => toggle(k, e.target.checked)}
                          />
                          <span className="min-w-0 break-all font-mono text-xs">{value}</span>
                          <span className="sr-only"> ({g.type})</span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            );
          })}
        </div>

        <p id={summaryId} role="status" aria-live="polite" className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="split-summary">
          {summary}
        </p>
        {error ? (
          <p id={errorId} role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        {done ? (
          <p role="status" className="mt-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Split done: {plural(done.movedEvents, "event")} moved.{" "}
            <Link href={`/customers/${done.newProfileId}`} className="font-medium underline">
              Open the new profile
            </Link>
          </p>
        ) : null}

        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <button type="button" onClick={onClose} disabled={busy} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy}
            aria-describedby={error ? errorId : undefined}
            className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
          >
            {pending ? "Splitting…" : done ? "Opening…" : "Split into a new profile"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
