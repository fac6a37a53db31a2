"use client";
import { useState, useTransition } from "react";
import { SCOPE_DESCRIPTIONS, TOKEN_SCOPES } from "@/lib/auth/api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

interface TokenRow {
  id: string;
  name: string;
  masked: string;
  scopes: string[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [revealed, setRevealed] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get("expiresInDays") ?? "");
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const res = await createApiTokenAction({
        name: String(data.get("name") ?? ""),
        scopes: data.getAll("scopes").map(String) as never,
        expiresInDays: expires ? Number(expires) : undefined,
      });
      if (res.ok) {
        setRevealed(res.data.token);
        setCopied(false);
        form.reset();
      } else {
        setError(res.message);
        setFieldErrors(res.fieldErrors ?? {});
      }
    });
  }

  function revoke(row: TokenRow) {
    if (!window.confirm(`Revoke "${row.name}"? Anything using it stops working at once.`)) return;
    startTransition(async () => {
      const res = await revokeApiTokenAction({ id: row.id });
      if (!res.ok) setError(res.message);
    });
  }

  return (
    <div className="space-y-4">
      {revealed ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm font-medium">Copy the new token now — it is shown only once and stored hashed.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-token" className="break-all rounded bg-white px-2 py-1 font-mono text-sm">
              {revealed}
            </code>
            <button
              type="button"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"
              onClick={() => navigator.clipboard?.writeText(revealed).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" className="text-sm text-slate-600 underline" onClick={() => setRevealed(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
          No API tokens yet. Create one for scripts and integrations that read profiles, analytics or exports.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-busy={pending}>
            <caption className="sr-only">API tokens</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Token</th>
                <th scope="col" className="px-4 py-2">Scopes</th>
                <th scope="col" className="px-4 py-2">Created</th>
                <th scope="col" className="px-4 py-2">Last used</th>
                <th scope="col" className="px-4 py-2">Expires</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <tr key={t.id} className={t.revokedAt ? "text-slate-400" : undefined} data-testid={`token-row-${t.name}`}>
                  <td className="px-4 py-2 font-medium">{t.name}</td>
                  <td className="px-4 py-2 font-mono text-xs">{t.masked}</td>
                  <td className="px-4 py-2">{t.scopes.join(", ")}</td>
                  <td className="px-4 py-2">
                    {day(t.createdAt)}
                    {t.createdBy ? <span className="block text-xs text-slate-500">{t.createdBy}</span> : null}
                  </td>
                  <td className="px-4 py-2">{day(t.lastUsedAt)}</td>
                  <td className="px-4 py-2">{day(t.expiresAt)}</td>
                  <td className="px-4 py-2 text-right">
                    {t.revokedAt ? (
                      <span>Revoked {day(t.revokedAt)}</span>
                    ) : (
                      <button type="button" disabled={pending} onClick={() => revoke(t)} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={onCreate} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-token-heading">
        <h3 id="new-token-heading" className="font-medium">
          Create an API token
        </h3>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="token-name" className="text-sm font-medium">Name</label>
            <input id="token-name" name="name" required placeholder="e.g. Warehouse sync" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-describedby="token-name-error" />
            <p id="token-name-error" className="mt-1 text-xs text-red-700">{fieldErrors.name}</p>
          </div>
          <div>
            <label htmlFor="token-expiry" className="text-sm font-medium">Expires after (days, optional)</label>
            <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
        </div>
        <fieldset className="mt-3">
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} className="mt-1" />
                <span>
                  <span className="font-mono">{scope}</span>
                  <span className="block text-xs text-slate-500">{SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-red-700">{fieldErrors.scopes}</p>
        </fieldset>
        <button type="submit" disabled={pending} className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </div>
  );
}
