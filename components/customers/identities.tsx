// A profile's identifiers grouped by type, each with when it was first and last seen.
//
// Admins (`canSplit`) also get the "Split…" control that undoes a bad merge: a dialog to move some
// identifiers (and the events they lead) to a new profile, opened from the section's button or from
// the "Split off…" button beside an identifier (SplitSlot), with that identifier ticked.
import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { SplitButton, SplitControls, SplitOffButton } from "./split-dialog";

export interface IdentityView {
  type: string;
  value: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const TYPE_LABELS: Record<string, string> = {
  user_id: "User ids",
  email: "Emails",
  phone: "Phone numbers",
  anonymous_id: "Anonymous ids (devices and browsers)",
};

/** The Split control beside one identifier: opens the profile's split dialog with it ticked. */
function SplitSlot({ identity }: { profileId: string; identity: IdentityView }): React.ReactNode {
  return <SplitOffButton identity={{ type: identity.type, value: identity.value }} />;
}

export function Identities({ profileId, identities, canSplit }: { profileId: string; identities: IdentityView[]; canSplit: boolean }) {
  const groups = new Map<string, IdentityView[]>();
  for (const i of identities) groups.set(i.type, [...(groups.get(i.type) ?? []), i]);
  // Splitting needs two identifiers at least: one moves, one stays.
  const splittable = canSplit && identities.length > 1;
  // Admins may delete the person (Settings → Privacy, prefilled with their strongest identifier).
  const strongest = ["user_id", "email", "phone"].map((t) => identities.find((i) => i.type === t)).find(Boolean) ?? identities[0];
  const deleteRef = strongest ? `${strongest.type}:${strongest.value}` : null;
  const section = (
    <section aria-labelledby="identities-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="identities">
      <div className="flex items-center justify-between gap-2">
        <h2 id="identities-heading" className="text-sm font-semibold">
          Identities
        </h2>
        <div className="flex items-center gap-2">
          {splittable ? <SplitButton /> : null}
          {canSplit && deleteRef ? (
            <Link href={`/settings/privacy?identifier=${encodeURIComponent(deleteRef)}`} className="rounded-md px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50">
              Delete this person…
            </Link>
          ) : null}
        </div>
      </div>
      {identities.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No identifiers: this profile was built without any user id, email, phone or anonymous id.</p>
      ) : (
        // One scrolling box for all groups (one Tab stop), not one per group.
        <ScrollRegion label="Identifiers" className="mt-2 max-h-[28rem] space-y-3 overflow-auto">
          {[...groups].map(([type, list]) => (
            <div key={type}>
              <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">
                {TYPE_LABELS[type] ?? type} <span className="font-normal normal-case">({list.length})</span>
              </h3>
              <ul className="mt-1 divide-y divide-slate-100">
                {list.map((i) => (
                  <li key={i.value} className="flex items-start justify-between gap-2 py-1.5 text-sm">
                    <div className="min-w-0">
                      <p className="break-all font-mono text-xs">{i.value}</p>
                      <p className="text-xs text-slate-500">
                        First seen <time dateTime={i.firstSeenAt.toISOString()}>{formatDateTime(i.firstSeenAt)}</time>
                        {" · "}last seen <time dateTime={i.lastSeenAt.toISOString()}>{formatDateTime(i.lastSeenAt)}</time>
                      </p>
                    </div>
                    {splittable ? <SplitSlot profileId={profileId} identity={i} /> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </ScrollRegion>
      )}
    </section>
  );
  if (!splittable) return section;
  return (
    // Keyed by profile: landing on the new profile after a split starts from a closed dialog.
    <SplitControls
      key={profileId}
      profileId={profileId}
      groups={[...groups].map(([type, list]) => ({ type, label: TYPE_LABELS[type] ?? type, values: list.map((i) => i.value) }))}
    >
      {section}
    </SplitControls>
  );
}
