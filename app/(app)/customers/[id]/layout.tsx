// A customer's page frame: the guard, the unknown-id 404 and the merged-away-id redirect run here,
// above the loading boundary, so the status codes are real (redirect / 403 / 404 / 307), not a 200
// that streams an error.
import { notFound, redirect } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { findProfile } from "@/lib/data/profiles";

export default async function CustomerLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireArea("customers");
  const { id } = await params;
  const canonical = /^[A-Za-z0-9_-]{1,128}$/.test(id) ? await findProfile({ kind: "profile_id", id }) : null;
  if (!canonical) notFound();
  // An old id (merged into another profile) keeps working: it lands on the survivor.
  if (canonical !== id) redirect(`/customers/${canonical}`);
  return children;
}
