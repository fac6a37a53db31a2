// Settings: staff accounts and their roles, API tokens, web forms and identity resolution rules (admin);
// every change made here is in the audit log (/settings/audit).
import type { Metadata } from "next";
import Link from "next/link";
import { requireArea } from "@/lib/auth/guard";
import { listUsers } from "@/lib/data/users";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { UsersTable } from "./users-table";
import { NewUserForm } from "./new-user-form";
import { ApiTokens } from "./api-tokens";
import { listApiTokens } from "@/lib/data/api-tokens";
import { listForms } from "@/lib/data/forms";
import { snippetBaseUrl } from "@/lib/sources/public-base-url";
import { WebForms } from "./web-forms";
import { loadIdentityRules } from "@/lib/data/identity-rules";
import { IdentityRulesEditor } from "./identity-rules";
import { loadLifecycle } from "@/lib/data/lifecycle";
import { listEventCatalog } from "@/lib/data/event-catalog";
import { trackEventNames } from "@/lib/analytics/event-catalog";
import { LifecycleEventsEditor } from "./lifecycle-events";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requireArea("settings");
  // One after another: the embedded database serves one query at a time anyway.
  const users = await listUsers();
  const tokens = await listApiTokens();
  const forms = await listForms();
  const baseUrl = await snippetBaseUrl();
  const identity = await loadIdentityRules();
  const lifecycle = await loadLifecycle();
  const trackNames = trackEventNames(await listEventCatalog());
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in and what their role lets them do. A change takes effect on the user's next request.">
        <Link href="/settings/privacy" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Privacy
        </Link>
        <Link href="/settings/destinations" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Destinations
        </Link>
        <Link href="/settings/audit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
          Audit log
        </Link>
      </PageHeader>
      <section aria-labelledby="users-heading" className="space-y-4">
        <h2 id="users-heading" className="text-lg font-semibold">
          Users
        </h2>
        <UsersTable
          meId={me.id}
          users={users.map((u) => ({ ...u, lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() }))}
        />
        <NewUserForm />
      </section>
      <section aria-labelledby="tokens-heading" className="mt-10 space-y-4">
        <div>
          <h2 id="tokens-heading" className="text-lg font-semibold">
            API tokens
          </h2>
          <p className="text-sm text-slate-600">
            For the Profile, analytics, metrics and export APIs: send as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Tokens
            are stored hashed and shown once.
          </p>
        </div>
        <ApiTokens
          tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt) }))}
        />
      </section>
      <section aria-labelledby="forms-heading" className="mt-10 space-y-4">
        <h2 id="forms-heading" className="text-lg font-semibold">
          Web forms
        </h2>
        <WebForms forms={forms.map(({ createdAt: _c, ...f }) => f)} baseUrl={baseUrl} />
      </section>
      <section aria-labelledby="identity-rules-heading" className="mt-10 space-y-4">
        <h2 id="identity-rules-heading" className="text-lg font-semibold">
          Identity resolution rules
        </h2>
        <IdentityRulesEditor rules={identity.rules} isDefault={identity.isDefault} updatedAt={iso(identity.updatedAt)} updatedBy={identity.updatedBy} />
      </section>
      <section aria-labelledby="lifecycle-heading" className="mt-10 space-y-4">
        <h2 id="lifecycle-heading" className="text-lg font-semibold">
          Lifecycle events
        </h2>
        <LifecycleEventsEditor settings={lifecycle.settings} isDefault={lifecycle.isDefault} eventNames={trackNames} updatedBy={lifecycle.updatedBy} />
      </section>
      <section aria-labelledby="roles-heading" className="mt-10">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          {ROLES.map((r) => (
            <div key={r} className="rounded-lg border border-slate-200 bg-white p-3">
              <dt className="font-medium">{ROLE_LABELS[r]}</dt>
              <dd className="text-sm text-slate-600">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
