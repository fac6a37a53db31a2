"use client";
// A source's settings: its name, whether it accepts events, and (web sources) allowed origins and
// the rate limit. Built-in sources stay enabled.
import { useRef, useState, useTransition } from "react";
import { renameSource, setSourceEnabled, updateWebSettings } from "@/app/(app)/sources/actions";
import { DEFAULT_WEB_RATE_LIMIT, MAX_RATE_LIMIT } from "@/lib/sources/inputs";
import { splitOriginLines } from "@/lib/sources/origins";
import { ConfirmDialog } from "./confirm-dialog";

interface Source {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  builtIn: boolean;
  allowedOrigins: string[];
  rateLimitPerSec: number | null;
}

type Outcome = { ok: true; message: string } | { ok: false; message: string; fields?: Record<string, string> } | null;

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";
const primary = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

function OutcomeText({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p role="status" className="text-sm text-green-700">
      {outcome.message}
    </p>
  ) : (
    <p role="alert" className="text-sm text-red-700">
      {outcome.fields && Object.keys(outcome.fields).length ? "Check the highlighted field." : outcome.message}
    </p>
  );
}

function RenameForm({ source }: { source: Source }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const error = outcome && !outcome.ok ? outcome.fields?.name : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    setOutcome(null);
    startTransition(async () => {
      const res = await renameSource({ id: source.id, name });
      setOutcome(res.ok ? { ok: true, message: `Renamed to ${res.data.name}.` } : { ok: false, message: res.message, fields: res.fieldErrors });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="rename-heading" className="space-y-2">
      <h3 id="rename-heading" className="font-medium">
        Name
      </h3>
      <div>
        <label htmlFor="source-name" className="sr-only">
          Source name
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id="source-name"
            name="name"
            defaultValue={source.name}
            required
            maxLength={80}
            className="block w-full min-w-0 max-w-sm flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
            aria-invalid={!!error}
            aria-describedby="source-name-error"
          />
          <button type="submit" disabled={pending} className={primary}>
            {pending ? "Saving…" : "Rename"}
          </button>
        </div>
        <p id="source-name-error" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      </div>
      <OutcomeText outcome={outcome} />
    </form>
  );
}

function EnabledToggle({ source }: { source: Source }) {
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  function apply(enabled: boolean) {
    setOutcome(null);
    startTransition(async () => {
      const res = await setSourceEnabled({ id: source.id, enabled });
      setConfirming(false);
      setOutcome(
        res.ok
          ? { ok: true, message: res.data.enabled ? "Enabled: the source accepts events again." : "Disabled: its key is refused from now on (within 5 seconds)." }
          : { ok: false, message: res.message },
      );
    });
  }

  return (
    <section aria-labelledby="status-heading" className="space-y-2">
      <h3 id="status-heading" className="font-medium">
        Status
      </h3>
      <p className="text-sm text-slate-600">
        {source.enabled
          ? "Enabled: requests with this source's write key are accepted."
          : "Disabled: requests with this source's write key are refused with 401 source_disabled."}
      </p>
      {source.builtIn ? (
        <p className="text-sm text-slate-600">Built-in sources carry Tandem&apos;s own events, so they cannot be disabled or deleted.</p>
      ) : source.enabled ? (
        <button type="button" onClick={() => setConfirming(true)} disabled={pending} className="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
          Disable source
        </button>
      ) : (
        <button type="button" onClick={() => apply(true)} disabled={pending} className={primary}>
          {pending ? "Enabling…" : "Enable source"}
        </button>
      )}
      <OutcomeText outcome={outcome} />
      <ConfirmDialog
        open={confirming}
        title={`Disable ${source.name}?`}
        confirmLabel="Disable source"
        danger
        pending={pending}
        onConfirm={() => apply(false)}
        onCancel={() => setConfirming(false)}
      >
        <p>Everything sent with its write key will be refused (HTTP 401) and lost, within 5 seconds: Tandem caches key lookups for up to 5 s.</p>
        <p>Events already stored stay. You can enable the source again at any time.</p>
      </ConfirmDialog>
    </section>
  );
}

function WebSettingsForm({ source }: { source: Source }) {
  const [pending, startTransition] = useTransition();
  const originsRef = useRef<HTMLTextAreaElement>(null);
  const rateRef = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fields = outcome && !outcome.ok ? outcome.fields : undefined;

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const rate = String(data.get("rateLimitPerSec") ?? "").trim();
    setOutcome(null);
    startTransition(async () => {
      const res = await updateWebSettings({
        id: source.id,
        allowedOrigins: splitOriginLines(String(data.get("allowedOrigins") ?? "")),
        // Empty means no limit (as the field's placeholder says).
        rateLimitPerSec: rate === "" ? null : Number(rate),
      });
      if (res.ok) {
        // Show what was stored (origins normalised), in place: the panel is not remounted on save,
        // so its message stays.
        if (originsRef.current) originsRef.current.value = res.data.allowedOrigins.join("\n");
        if (rateRef.current) rateRef.current.value = res.data.rateLimitPerSec === null ? "" : String(res.data.rateLimitPerSec);
      }
      setOutcome(
        res.ok
          ? { ok: true, message: `Saved: ${res.data.allowedOrigins.length ? `${res.data.allowedOrigins.length} allowed origin(s)` : "any origin"}, ${res.data.rateLimitPerSec === null ? "no rate limit" : `${res.data.rateLimitPerSec} requests/s`}. Applies within 5 seconds.` }
          : { ok: false, message: res.message, fields: res.fieldErrors },
      );
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="web-heading" className="space-y-3">
      <div>
        <h3 id="web-heading" className="font-medium">
          Browser access
        </h3>
        <p className="text-sm text-slate-600">A web source&apos;s key is visible to anyone who opens your site, so limit where it may be used and how fast.</p>
      </div>
      <div className="grid gap-4">
        <div>
          <label htmlFor="source-origins" className="text-sm font-medium">
            Allowed origins
          </label>
          <textarea
            id="source-origins"
            name="allowedOrigins"
            rows={4}
            ref={originsRef}
            defaultValue={source.allowedOrigins.join("\n")}
            placeholder={"https://www.example.com\n*.example.com"}
            className={`${input} font-mono`}
            aria-invalid={!!fields?.allowedOrigins}
            aria-describedby="source-origins-help source-origins-error"
          />
          <p id="source-origins-help" className="mt-1 text-xs text-slate-500">
            One per line: https://www.example.com (scheme and host, optional port) or *.example.com (any subdomain). Empty: any site may send. Requests
            without an Origin header (servers, curl) are not affected.
          </p>
          <p id="source-origins-error" className="mt-1 text-xs text-red-700">
            {fields?.allowedOrigins}
          </p>
        </div>
        <div>
          <label htmlFor="source-rate" className="text-sm font-medium">
            Rate limit (requests per second)
          </label>
          <input
            id="source-rate"
            name="rateLimitPerSec"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_RATE_LIMIT}
            step={1}
            ref={rateRef}
            defaultValue={source.rateLimitPerSec ?? ""}
            placeholder="No limit"
            className={input}
            aria-invalid={!!fields?.rateLimitPerSec}
            aria-describedby="source-rate-help source-rate-error"
          />
          <p id="source-rate-help" className="mt-1 text-xs text-slate-500">
            Empty: no limit ({DEFAULT_WEB_RATE_LIMIT} is a good start for a website). Per write key, 1–{MAX_RATE_LIMIT.toLocaleString("en-US")}, held across
            all collector processes. Over it, requests get 429 with Retry-After.
          </p>
          <p id="source-rate-error" className="mt-1 text-xs text-red-700">
            {fields?.rateLimitPerSec}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>
          {pending ? "Saving…" : "Save browser access"}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    </form>
  );
}

export function SourceSettings({ source }: { source: Source }) {
  return (
    <div className="space-y-6 rounded-lg border border-slate-200 bg-white p-4">
      <RenameForm source={source} />
      <EnabledToggle source={source} />
      {source.kind === "web" ? <WebSettingsForm source={source} /> : null}
    </div>
  );
}
