"use client";
// Sources → New source: name and kind (plus allowed origins and a rate limit for web sources). On
// success the full write key is shown once, with setup snippets that already contain it.
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { createSource } from "@/app/(app)/sources/actions";
import { DEFAULT_WEB_RATE_LIMIT, KIND_DESCRIPTIONS, KIND_LABELS, MAX_RATE_LIMIT, SOURCE_KINDS, type SourceKind } from "@/lib/sources/inputs";
import { splitOriginLines } from "@/lib/sources/origins";
import { KeyReveal } from "./key-reveal";
import { SnippetTabs } from "./snippet-tabs";

interface Created {
  id: string;
  name: string;
  kind: SourceKind;
  writeKey: string;
}

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";

export function NewSourceForm({ baseUrl }: { baseUrl: string }) {
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<SourceKind>("web");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const rate = String(data.get("rateLimitPerSec") ?? "").trim();
    const payload = {
      name: String(data.get("name") ?? ""),
      kind,
      ...(kind === "web"
        ? { allowedOrigins: splitOriginLines(String(data.get("allowedOrigins") ?? "")), rateLimitPerSec: rate === "" ? null : Number(rate) }
        : {}),
    };
    setError(null);
    startTransition(async () => {
      const res = await createSource(payload);
      if (res.ok) {
        setCreated({ id: res.data.id, name: res.data.name, kind: res.data.kind, writeKey: res.data.writeKey });
        form.current?.reset();
        setKind("web");
      } else setError({ message: res.message, fields: res.fieldErrors });
    });
  }

  const field = (name: string) => error?.fields?.[name];
  const hasFieldErrors = Object.keys(error?.fields ?? {}).some((k) => ["name", "kind", "allowedOrigins", "rateLimitPerSec"].includes(k));

  return (
    <div className="space-y-4">
      {created ? (
        <KeyReveal writeKey={created.writeKey} sourceName={created.name} onDismiss={() => setCreated(null)}>
          <details className="rounded-md border border-amber-200 bg-white p-3">
            <summary className="cursor-pointer text-sm font-medium">Setup snippets with this key</summary>
            <div className="mt-3">
              <SnippetTabs baseUrl={baseUrl} kind={created.kind} writeKey={created.writeKey} />
            </div>
          </details>
          <p className="text-sm">
            <Link href={`/sources/${created.id}`} className="font-medium text-brand-700 underline">
              Open {created.name}
            </Link>{" "}
            for its settings, volume and live debugger.
          </p>
        </KeyReveal>
      ) : null}

      <form ref={form} onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-source-heading">
        <h2 id="new-source-heading" className="font-medium">
          New source
        </h2>
        <p className="mt-1 text-sm text-slate-600">Each source gets its own write key. Its events are tagged with the source, so you can see and debug each one apart.</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="new-source-name" className="text-sm font-medium">
              Name
            </label>
            <input
              id="new-source-name"
              name="name"
              required
              maxLength={80}
              placeholder="Marketing website"
              className={input}
              aria-invalid={!!field("name")}
              aria-describedby="new-source-name-error"
            />
            <p id="new-source-name-error" className="mt-1 text-xs text-red-700">
              {field("name")}
            </p>
          </div>
          <div>
            <label htmlFor="new-source-kind" className="text-sm font-medium">
              Kind
            </label>
            <select
              id="new-source-kind"
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as SourceKind)}
              className={`${input} bg-white`}
              aria-describedby="new-source-kind-help"
            >
              {SOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <p id="new-source-kind-help" className="mt-1 text-xs text-slate-500">
              {KIND_DESCRIPTIONS[kind]}
            </p>
          </div>
          {kind === "web" ? (
            <>
              <div>
                <label htmlFor="new-source-origins" className="text-sm font-medium">
                  Allowed origins
                </label>
                <textarea
                  id="new-source-origins"
                  name="allowedOrigins"
                  rows={3}
                  placeholder={"https://www.example.com\n*.example.com"}
                  className={`${input} font-mono`}
                  aria-invalid={!!field("allowedOrigins")}
                  aria-describedby="new-source-origins-help new-source-origins-error"
                />
                <p id="new-source-origins-help" className="mt-1 text-xs text-slate-500">
                  One per line: an origin such as https://www.example.com, or *.example.com for every subdomain. Leave empty to accept any site.
                </p>
                <p id="new-source-origins-error" className="mt-1 text-xs text-red-700">
                  {field("allowedOrigins")}
                </p>
              </div>
              <div>
                <label htmlFor="new-source-rate" className="text-sm font-medium">
                  Rate limit (requests per second)
                </label>
                <input
                  id="new-source-rate"
                  name="rateLimitPerSec"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_RATE_LIMIT}
                  step={1}
                  defaultValue={DEFAULT_WEB_RATE_LIMIT}
                  className={input}
                  aria-invalid={!!field("rateLimitPerSec")}
                  aria-describedby="new-source-rate-help new-source-rate-error"
                />
                <p id="new-source-rate-help" className="mt-1 text-xs text-slate-500">
                  Per write key, 1–{MAX_RATE_LIMIT.toLocaleString("en-US")}. A web key is public, so this caps what anyone can send with it.
                </p>
                <p id="new-source-rate-error" className="mt-1 text-xs text-red-700">
                  {field("rateLimitPerSec")}
                </p>
              </div>
            </>
          ) : null}
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Creating…" : "Create source"}
          </button>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {hasFieldErrors ? "Check the highlighted fields." : error.message}
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
