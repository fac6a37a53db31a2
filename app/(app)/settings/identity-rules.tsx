"use client";
// Settings → Identity resolution rules: limits per identifier type, the priority order and blocked
// values/patterns, validated by the server action against lib/identity/rules.ts's schema.
import { useEffect, useRef, useState, useTransition } from "react";
import { DEFAULT_RULES, type CoreType, type IdentityRules, type PrioritySlot } from "@/lib/identity/rules";
import { CORE_ORDER, formFromRules, move, placeServerErrors, rulesFromForm, type FormErrors, type RulesForm } from "./identity-rules-form";
import { resetIdentityRulesAction, saveIdentityRulesAction } from "./identity-actions";

const SLOT_LABELS: Record<PrioritySlot, string> = {
  user_id: "user_id",
  email: "email",
  phone: "phone",
  external_ids: "external ids (every custom type)",
  anonymous_id: "anonymous_id",
};

const CORE_HINTS: Record<CoreType, string> = {
  user_id: "userId of identify and track calls",
  email: "traits.email, lower-cased",
  phone: "traits.phone",
  anonymous_id: "anonymousId: one per browser or device",
};

const input = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";
const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-40";

function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

export function IdentityRulesEditor({
  rules,
  isDefault,
  updatedAt,
  updatedBy,
}: {
  rules: IdentityRules;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}) {
  const [form, setForm] = useState<RulesForm>(() => formFromRules(rules));
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [pending, startTransition] = useTransition();
  const nextKey = useRef(form.custom.length);
  const focusAfter = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // Moving a row re-orders the DOM, which drops focus: put it back on the control that was used.
  useEffect(() => {
    if (!focusAfter.current) return;
    const el = root.current?.querySelector<HTMLElement>(focusAfter.current);
    focusAfter.current = null;
    el?.focus();
  });

  function update(patch: Partial<RulesForm>) {
    setForm((f) => ({ ...f, ...patch }));
    setStatus(null);
  }

  function moveSlot(index: number, by: -1 | 1) {
    const slot = form.priority[index]!;
    const priority = move(form.priority, index, by);
    const to = priority.indexOf(slot);
    update({ priority });
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === priority.length - 1);
    focusAfter.current = `#priority-${slot}-${atEdge ? (by === -1 ? "down" : "up") : by === -1 ? "up" : "down"}`;
    setAnnouncement(`${SLOT_LABELS[slot]} moved to position ${to + 1} of ${priority.length}`);
  }

  function addRow() {
    const key = nextKey.current++;
    update({ custom: [...form.custom, { key, type: "", limit: String(form.defaultLimit || DEFAULT_RULES.defaultLimit) }] });
    focusAfter.current = `#custom-type-${key}`;
  }

  function removeRow(key: number) {
    update({ custom: form.custom.filter((r) => r.key !== key) });
    focusAfter.current = "#add-custom-type";
  }

  function onSave(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    const c = rulesFromForm(form);
    if (!c.rules) {
      setErrors(c.errors);
      return;
    }
    const sent = c.rules;
    startTransition(async () => {
      const res = await saveIdentityRulesAction(sent);
      if (res.ok) {
        setErrors({});
        // Show what was stored (trimmed lines, repeats dropped), with fresh row keys.
        const stored = formFromRules(sent);
        setForm({ ...stored, custom: stored.custom.map((r) => ({ ...r, key: nextKey.current++ })) });
        setStatus("Saved. New messages are resolved with these rules.");
      } else if (res.fieldErrors && Object.keys(res.fieldErrors).length) {
        setErrors(placeServerErrors(res.fieldErrors, form, c));
      } else setErrors({ form: res.message });
    });
  }

  function onReset() {
    if (!window.confirm("Reset the identity resolution rules to Tandem's defaults? Your limits, priority order and blocked values are replaced.")) return;
    setStatus(null);
    startTransition(async () => {
      const res = await resetIdentityRulesAction({ confirm: true });
      if (res.ok) {
        setErrors({});
        setForm(formFromRules(DEFAULT_RULES));
        setStatus("Reset to the defaults.");
      } else setErrors({ form: res.message });
    });
  }

  const err = (key: string) => errors[key];
  const invalid = (key: string) => (errors[key] ? true : undefined);
  const errorCount = Object.keys(errors).length;

  return (
    <div ref={root} className="space-y-4">
      <div className="space-y-2 text-sm text-slate-600">
        <p>
          Every message&apos;s identifiers (user_id, anonymous_id, email, phone and the custom types in <code className="font-mono">context.externalIds</code>) join the
          profiles that already hold them. Three rules keep that from merging different people:
        </p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            <span className="font-medium text-slate-800">Limits.</span> One profile holds at most this many identifiers of a type — one user_id, up to five
            emails by default.
          </li>
          <li>
            <span className="font-medium text-slate-800">Priority.</span> When a merge would break a limit, the incoming message&apos;s lowest-priority
            identifier is dropped and matching is retried. So two people sharing a laptop (one anonymous_id, two user_ids) stay two profiles instead of
            becoming one.
          </li>
          <li>
            <span className="font-medium text-slate-800">Blocked values.</span> Placeholders such as &quot;null&quot; or &quot;0&quot; that SDKs send by
            mistake never become identifiers, so they never link anyone. The message itself is still stored.
          </li>
        </ol>
      </div>

      <p className="text-sm text-slate-700" data-testid="identity-rules-changed">
        {isDefault || !updatedAt ? (
          "Using Tandem's defaults."
        ) : (
          <>
            Last changed by {updatedBy ?? "a deleted user"} on {new Date(updatedAt).toISOString().slice(0, 16).replace("T", " ")} UTC.
          </>
        )}{" "}
        Changes apply to messages ingested from now on; run <code className="font-mono">npm run profiles:rebuild</code> to re-resolve history.
      </p>

      <form onSubmit={onSave} noValidate aria-label="Identity resolution rules" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" aria-busy={pending}>
        <fieldset>
          <legend className="font-medium">Limits per profile</legend>
          <p className="text-sm text-slate-600">The most identifiers of each type one profile may hold (1 to 100,000).</p>
          <div className="mt-3 grid gap-3 sm:grid-cols-4">
            {CORE_ORDER.map((t) => (
              <div key={t}>
                <label htmlFor={`limit-${t}`} className="text-sm font-medium">
                  <span className="sr-only">Limit of </span>
                  <span className="font-mono">{t}</span>
                </label>
                <input
                  id={`limit-${t}`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100_000}
                  step={1}
                  value={form.coreLimits[t]}
                  onChange={(e) => update({ coreLimits: { ...form.coreLimits, [t]: e.target.value } })}
                  className={`mt-1 ${input}`}
                  aria-invalid={invalid(`limits.${t}`)}
                  aria-describedby={`limit-${t}-hint limit-${t}-error`}
                />
                <p id={`limit-${t}-hint`} className="mt-1 text-xs text-slate-500">
                  {CORE_HINTS[t]}
                </p>
                <FieldError id={`limit-${t}-error`} message={err(`limits.${t}`)} />
              </div>
            ))}
          </div>

          <h3 className="mt-4 text-sm font-medium">Custom identifier types</h3>
          <p className="text-sm text-slate-600">
            Types sent in <code className="font-mono">context.externalIds</code>, named in lower case (letters, digits, _ . -).
          </p>
          {form.custom.length ? (
            <ul className="mt-2 space-y-2">
              {form.custom.map((r, i) => (
                <li key={r.key} className="flex flex-wrap items-start gap-3" data-testid={`custom-limit-row-${i + 1}`}>
                  <div className="min-w-48 flex-1">
                    <label htmlFor={`custom-type-${r.key}`} className="sr-only">
                      Custom type {i + 1} name
                    </label>
                    <input
                      id={`custom-type-${r.key}`}
                      value={r.type}
                      placeholder="e.g. crm_id"
                      autoCapitalize="none"
                      spellCheck={false}
                      onChange={(e) => update({ custom: form.custom.map((x) => (x.key === r.key ? { ...x, type: e.target.value } : x)) })}
                      className={`${input} font-mono`}
                      aria-invalid={invalid(`custom.${r.key}.type`)}
                      aria-describedby={`custom-type-${r.key}-error`}
                    />
                    <FieldError id={`custom-type-${r.key}-error`} message={err(`custom.${r.key}.type`)} />
                  </div>
                  <div className="w-32">
                    <label htmlFor={`custom-limit-${r.key}`} className="sr-only">
                      Custom type {i + 1} limit
                    </label>
                    <input
                      id={`custom-limit-${r.key}`}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={100_000}
                      step={1}
                      value={r.limit}
                      onChange={(e) => update({ custom: form.custom.map((x) => (x.key === r.key ? { ...x, limit: e.target.value } : x)) })}
                      className={input}
                      aria-invalid={invalid(`custom.${r.key}.limit`)}
                      aria-describedby={`custom-limit-${r.key}-error`}
                    />
                    <FieldError id={`custom-limit-${r.key}-error`} message={err(`custom.${r.key}.limit`)} />
                  </div>
                  <button type="button" onClick={() => removeRow(r.key)} className={`${button} mt-0.5`} aria-label={`Remove custom type ${r.type.trim() || i + 1}`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-500">None: every custom type has the default limit below.</p>
          )}
          <FieldError id="custom-error" message={err("custom")} />
          <button id="add-custom-type" type="button" onClick={addRow} className={`${button} mt-1`}>
            Add a custom type
          </button>

          <div className="mt-4 w-64">
            <label htmlFor="limit-default" className="text-sm font-medium">
              Limit of any other custom type
            </label>
            <input
              id="limit-default"
              type="number"
              inputMode="numeric"
              min={1}
              max={100_000}
              step={1}
              value={form.defaultLimit}
              onChange={(e) => update({ defaultLimit: e.target.value })}
              className={`mt-1 ${input}`}
              aria-invalid={invalid("defaultLimit")}
              aria-describedby="limit-default-error"
            />
            <FieldError id="limit-default-error" message={err("defaultLimit")} />
          </div>
        </fieldset>

        <fieldset>
          <legend className="font-medium">Priority</legend>
          <p id="priority-hint" className="text-sm text-slate-600">
            Highest first. When a merge would break a limit, the incoming message&apos;s identifiers are dropped from the bottom of this list until it fits.
          </p>
          <ol className="mt-2 max-w-md space-y-1" aria-describedby="priority-hint" data-testid="identity-priority">
            {form.priority.map((slot, i) => (
              <li key={slot} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm">
                <span className="w-5 text-slate-500" aria-hidden="true">
                  {i + 1}.
                </span>
                <span className="flex-1 font-mono">{SLOT_LABELS[slot]}</span>
                <button
                  id={`priority-${slot}-up`}
                  type="button"
                  className={button}
                  disabled={i === 0}
                  onClick={() => moveSlot(i, -1)}
                  aria-label={`Move ${SLOT_LABELS[slot]} up`}
                >
                  ↑
                </button>
                <button
                  id={`priority-${slot}-down`}
                  type="button"
                  className={button}
                  disabled={i === form.priority.length - 1}
                  onClick={() => moveSlot(i, 1)}
                  aria-label={`Move ${SLOT_LABELS[slot]} down`}
                >
                  ↓
                </button>
              </li>
            ))}
          </ol>
          <p className="sr-only" role="status" aria-live="polite">
            {announcement}
          </p>
          <FieldError id="priority-error" message={err("priority")} />
        </fieldset>

        <fieldset>
          <legend className="font-medium">Blocked values</legend>
          <p className="text-sm text-slate-600">Values that never become identifiers, compared after trimming and ignoring case.</p>
          <div className="mt-2 flex items-center gap-2">
            <input
              id="block-empty"
              type="checkbox"
              checked={form.blockEmpty}
              onChange={(e) => update({ blockEmpty: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300"
              aria-describedby="block-empty-error"
            />
            <label htmlFor="block-empty" className="text-sm">
              Block empty values (an identifier that is blank or only spaces)
            </label>
          </div>
          <FieldError id="block-empty-error" message={err("blockEmpty")} />
          <div className="mt-2 grid gap-4 md:grid-cols-2">
            <div>
              <label htmlFor="blocked-values" className="text-sm font-medium">
                Blocked values
              </label>
              <p id="blocked-values-hint" className="text-xs text-slate-500">
                One per line. Blank lines are ignored; empty values are the checkbox above.
              </p>
              <textarea
                id="blocked-values"
                rows={8}
                spellCheck={false}
                value={form.blockedValues}
                onChange={(e) => update({ blockedValues: e.target.value })}
                className={`mt-1 ${input} font-mono`}
                aria-invalid={invalid("blockedValues")}
                aria-describedby="blocked-values-hint blocked-values-error"
              />
              <FieldError id="blocked-values-error" message={err("blockedValues")} />
            </div>
            <div>
              <label htmlFor="blocked-patterns" className="text-sm font-medium">
                Blocked patterns
              </label>
              <p id="blocked-patterns-hint" className="text-xs text-slate-500">
                One regular expression per line, matched ignoring case against the trimmed value. Anchor them with ^ and $: a pattern such as
                <code className="font-mono"> .* </code>would block every identifier.
              </p>
              <textarea
                id="blocked-patterns"
                rows={8}
                spellCheck={false}
                value={form.blockedPatterns}
                onChange={(e) => update({ blockedPatterns: e.target.value })}
                className={`mt-1 ${input} font-mono`}
                aria-invalid={invalid("blockedPatterns")}
                aria-describedby="blocked-patterns-hint blocked-patterns-error"
              />
              <FieldError id="blocked-patterns-error" message={err("blockedPatterns")} />
            </div>
          </div>
        </fieldset>

        {errorCount ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {errors.form ?? `Nothing was saved: fix the ${errorCount === 1 ? "field" : `${errorCount} fields`} marked in red.`}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Saving…" : "Save rules"}
          </button>
          <button type="button" disabled={pending} onClick={onReset} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60">
            Reset to defaults
          </button>
          {status ? (
            <p role="status" className="text-sm text-green-700">
              {status}
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
