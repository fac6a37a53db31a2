// A contact's page frame: the guard and the unknown-id 404 run here, above the loading boundary, so
// the status codes are real (403 / 404) rather than a 200 that streams an error.
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { contactExists } from "@/lib/data/contact-page";

export default async function ContactLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireArea("contacts");
  if (!(await contactExists((await params).id))) notFound();
  return children;
}
