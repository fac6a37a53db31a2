// A contact's page frame: the guard, the unknown-id 404 and the redirect of a linked contact to its
// Customer 360 page run here, above the loading boundary, so the status codes are real (403 / 404 /
// 307) rather than a 200 that streams an error or redirects from the browser after the page loaded.
import { notFound, redirect } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { personByContact } from "@/lib/data/person";

export default async function ContactLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireArea("contacts");
  const { id } = await params;
  const person = await personByContact(id);
  if (!person) notFound();
  if (person.profileId) redirect(`/customers/${person.profileId}?contact=${encodeURIComponent(id)}`);
  return children;
}
