"use client";
// Create or edit a webhook destination: what it receives (accepted events, or profile changes — chosen
// at creation), name, URL, the filter (events: source, type, name; profile changes: change type), extra headers (values are
// write-only: an existing header shows its name and ••••••; typing a value replaces it), batch size,
// concurrency and whether it is on. On create, the signing secret is shown once.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { EVENT_TYPES } from "@/lib/destinations/filter";
import type { DestinationKind, DestinationView } from "@/lib/destinations/inputs";
import { PROFILE_CHANGE_KINDS } from "@/lib/destinations/profile-changes";

const CHANGE_LABELS: Record<(typeof PROFILE_CHANGE_KINDS)[number], string> = {
  traits_changed: "Traits changed",
  merged: "Merged",
  split: "Split",
  deleted: "Deleted",
};
import { createDestinationAction, updateDestinationAction } from "@/app/(app)/settings/destinations/actions";

interface HeaderRow {
  key: number;
  name: string;
  value: string;
  /** Saved before: its value is not known here. */
  saved: boolean;
  remove: boolean;
}

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

export function DestinationForm({ sources, destination }: { sources: { id: string; name: string }[]; destination?: DestinationView }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<{ id: string; value: string } | null>(null);
  const [headers, setHeaders] = useState<HeaderRow[]>(() => (destination?.headers ?? []).map((h, i) => ({ key: i, name: h.name, value: "", saved: true, remove: false })));
  const [nextKey, setNextKey] = useState(1000);
  const editing = Boolean(destination);
  const [kind, setKind] = useState<DestinationKind>(destination?.kind ?? "webhook");
  const profiles = kind === "profile_webhook";
  const idp = editing ? "edit-dest" : "new-dest";

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const filter = {
      sources: data.getAll("sources").map(String),
      types: data.getAll("types").map(String) as never,
      names: String(data.get("names") ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (profiles) {
      filter.sources = [];
      filter.names = [];
    }
    const base = {
      name: String(data.get("name") ?? ""),
      url: String(data.get("url") ?? ""),
      filter,
      enabled: data.get("enabled") === "on",
      batchSize: Number(data.get("batchSize") ?? 100),
      maxConcurrency: Number(data.get("maxConcurrency") ?? 2),
    };
    setError(null);
    setFieldErrors({});
    setSaved(false);
    startTransition(async () => {
      if (destination) {
        const changes: Record<string, string | null> = {};
        for (const h of headers) {
          if (!h.name.trim()) continue;
          if (h.remove) changes[h.name.trim()] = null;
          else if (!h.saved || h.value !== "") changes[h.name.trim()] = h.value;
        }
        const res = await updateDestinationAction({ id: destination.id, ...base, headers: changes });
        if (!res.ok) {
          setError(res.message);
          setFieldErrors(res.fieldErrors ?? {});
          return;
        }
        setSaved(true);
        setHeaders((rows) => rows.filter((r) => !r.remove && r.name.trim()).map((r) => ({ ...r, value: "", saved: true })));
        router.refresh();
      } else {
        const res = await createDestinationAction({ ...base, kind, headers: Object.fromEntries(headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])) });
        if (!res.ok) {
          setError(res.message);
          setFieldErrors(res.fieldErrors ?? {});
          return;
        }
        setSecret({ id: res.data.id, value: res.data.secret });
        form.reset();
        setHeaders([]);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`${idp}-heading`}>
      <h2 id={`${idp}-heading`} className="text-lg font-semibold">
        {editing ? "Settings" : "New webhook destination"}
      </h2>
      {editing ? null : (
        <fieldset>
          <legend className="text-sm font-medium">What it receives</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="kind" value="webhook" checked={!profiles} onChange={() => setKind("webhook")} />
              Accepted events
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="kind" value="profile_webhook" checked={profiles} onChange={() => setKind("profile_webhook")} />
              Profile changes (traits changed, merged, split, deleted)
            </label>
          </div>
        </fieldset>
      )}
      {secret ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">Destination created. Copy its signing secret now — it is shown only once.</p>
          <code data-testid="destination-secret" className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono">
            {secret.value}
          </code>
          <a href={`/settings/destinations/${secret.id}`} className="mt-2 inline-block text-brand-700 underline">
            Open its delivery log
          </a>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Saved.
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${idp}-name`} className="text-sm font-medium">Name</label>
          <input id={`${idp}-name`} name="name" required defaultValue={destination?.name} placeholder="e.g. Warehouse loader" className={input} aria-describedby={`${idp}-name-error`} />
          <p id={`${idp}-name-error`} className="mt-1 text-xs text-red-700">{fieldErrors.name}</p>
        </div>
        <div>
          <label htmlFor={`${idp}-url`} className="text-sm font-medium">URL</label>
          <input id={`${idp}-url`} name="url" type="url" required defaultValue={destination?.url} placeholder="https://example.com/hooks/tandem" className={input} aria-describedby={`${idp}-url-error`} />
          <p id={`${idp}-url-error`} className="mt-1 text-xs text-red-700">{fieldErrors.url}</p>
        </div>
      </div>
      {profiles ? (
        <fieldset>
          <legend className="text-sm font-medium">Changes (none ticked: every kind of change)</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {PROFILE_CHANGE_KINDS.map((t) => (
              <label key={t} className="flex items-center gap-1">
                <input type="checkbox" name="types" value={t} defaultChecked={destination?.filter.types.includes(t)} />
                {CHANGE_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <>
          <fieldset>
            <legend className="text-sm font-medium">Sources (none ticked: every source)</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {sources.map((s) => (
                <label key={s.id} className="flex items-center gap-1">
                  <input type="checkbox" name="sources" value={s.id} defaultChecked={destination?.filter.sources.includes(s.id)} />
                  {s.name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium">Types (none ticked: every type)</legend>
            <div className="mt-1 flex flex-wrap gap-3 text-sm">
              {EVENT_TYPES.map((t) => (
                <label key={t} className="flex items-center gap-1">
                  <input type="checkbox" name="types" value={t} defaultChecked={destination?.filter.types.includes(t)} />
                  {t}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${idp}-names`} className="text-sm font-medium">Event or page names, comma-separated (empty: every name)</label>
            <input id={`${idp}-names`} name="names" defaultValue={destination?.filter.names.join(", ")} placeholder="Order Completed, Signed Up" className={input} />
          </div>
        </>
      )}
      <fieldset>
        <legend className="text-sm font-medium">Headers (values are write-only: saved values are never shown)</legend>
        <ul className="mt-1 space-y-2">
          {headers.map((h, i) => (
            <li key={h.key} className="flex flex-wrap items-center gap-2">
              <label className="sr-only" htmlFor={`${idp}-hn-${h.key}`}>Header name</label>
              <input
                id={`${idp}-hn-${h.key}`}
                value={h.name}
                readOnly={h.saved}
                onChange={(e) => setHeaders((rows) => rows.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)))}
                placeholder="Authorization"
                className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <label className="sr-only" htmlFor={`${idp}-hv-${h.key}`}>{`Value of ${h.name || "the header"}`}</label>
              <input
                id={`${idp}-hv-${h.key}`}
                type="password"
                autoComplete="off"
                value={h.value}
                onChange={(e) => setHeaders((rows) => rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
                placeholder={h.saved ? "•••••• (type to replace)" : "value"}
                className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              {h.saved ? (
                <label className="flex items-center gap-1 text-sm">
                  <input type="checkbox" checked={h.remove} onChange={(e) => setHeaders((rows) => rows.map((r, j) => (j === i ? { ...r, remove: e.target.checked } : r)))} />
                  Remove
                </label>
              ) : (
                <button type="button" className="text-sm text-slate-600 underline" onClick={() => setHeaders((rows) => rows.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="mt-2 rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50"
          onClick={() => {
            setHeaders((rows) => [...rows, { key: nextKey, name: "", value: "", saved: false, remove: false }]);
            setNextKey((k) => k + 1);
          }}
        >
          Add a header
        </button>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${idp}-batch`} className="text-sm font-medium">{profiles ? "Changes per request" : "Events per request"}</label>
          <input id={`${idp}-batch`} name="batchSize" type="number" min={1} max={500} defaultValue={destination?.batchSize ?? 100} className={input} />
        </div>
        <div>
          <label htmlFor={`${idp}-conc`} className="text-sm font-medium">Requests in flight</label>
          <input id={`${idp}-conc`} name="maxConcurrency" type="number" min={1} max={10} defaultValue={destination?.maxConcurrency ?? 2} className={input} />
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={destination?.enabled ?? true} />
          {profiles ? "Sending (untick to pause: changes wait and are sent when it resumes)" : "Sending (untick to pause: events wait and are sent when it resumes)"}
        </label>
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {editing ? "Save" : "Create destination"}
      </button>
    </form>
  );
}
