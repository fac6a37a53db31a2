"use client";
// The Export page's raw data section (admins): events by source, days and event name, and profiles by
// the days they changed, each as NDJSON or CSV. Submitting checks the days, then hands the browser the
// download URL, so the file streams straight to disk however large it is.
import { useState } from "react";
import { FORMAT_LABELS, rawExportUrl, type RawExportChoice } from "@/lib/export/raw-form";
import type { RawFormat, RawKind } from "@/lib/export/raw";

interface Props {
  sources: { id: string; name: string }[];
  events: string[];
}

const FORMATS = Object.keys(FORMAT_LABELS) as RawFormat[];
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function download(url: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = "";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function RawForm({ kind, title, children, dayLegend }: { kind: RawKind; title: string; children?: React.ReactNode; dayLegend: string }) {
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [started, setStarted] = useState(false);
  const id = (name: string) => `raw-${kind}-${name}`;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const choice: RawExportChoice = { format: text("format") as RawFormat, fromDay: text("fromDay"), toDay: text("toDay"), source: text("source"), event: text("event") };
    const r = rawExportUrl(kind, choice);
    if (!r.ok) {
      setError({ field: r.field, message: r.message });
      setStarted(false);
      return;
    }
    setError(null);
    download(r.url);
    setStarted(true);
  }

  const errorFor = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <form onSubmit={onSubmit} aria-labelledby={id("title")} noValidate className="rounded-lg border border-slate-200 p-4">
      <h3 id={id("title")} className="font-medium">{title}</h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {children}
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium">{dayLegend}</legend>
          <div className="mt-1 grid gap-3 sm:grid-cols-2">
            {(["fromDay", "toDay"] as const).map((field) => (
              <div key={field}>
                <label htmlFor={id(field)} className="text-sm">{field === "fromDay" ? "First day" : "Last day"}</label>
                <input
                  id={id(field)}
                  name={field}
                  type="date"
                  className={input}
                  aria-invalid={errorFor(field) ? true : undefined}
                  aria-describedby={errorFor(field) ? id(`${field}-error`) : undefined}
                />
                {errorFor(field) ? (
                  <p id={id(`${field}-error`)} role="alert" className="mt-1 text-xs text-red-700">
                    {errorFor(field)}
                  </p>
                ) : null}
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium">Format</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {FORMATS.map((f, i) => (
              <label key={f} className="flex items-center gap-2 text-sm">
                <input type="radio" name="format" value={f} defaultChecked={i === 0} />
                {FORMAT_LABELS[f]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Download {kind}
        </button>
        <p role="status" className="text-sm text-slate-600">
          {started ? "The download has started; it streams every row, so a large export takes a while." : null}
        </p>
      </div>
    </form>
  );
}

export function RawExportForms({ sources, events }: Props) {
  return (
    <div className="mt-3 grid gap-4 lg:grid-cols-2">
      <RawForm kind="events" title="Events" dayLegend="Event time (UTC days, both included; empty for all)">
        <div>
          <label htmlFor="raw-events-source" className="text-sm font-medium">Source</label>
          <select id="raw-events-source" name="source" className={input} defaultValue="">
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="raw-events-event" className="text-sm font-medium">Event name</label>
          <input id="raw-events-event" name="event" list="raw-events-names" placeholder="All events" autoComplete="off" className={input} />
          <datalist id="raw-events-names">
            {events.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </div>
      </RawForm>
      <RawForm kind="profiles" title="Profiles" dayLegend="Last changed (UTC days, both included; empty for all)" />
    </div>
  );
}
