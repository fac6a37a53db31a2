// A contact: when the product knows them (linked to a CDP profile by email) the page is the person's
// Customer 360 page; otherwise the same view with the CRM side only, saying the product side is missing.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { getContactHeader } from "@/lib/data/contact-page";
import { personByContact } from "@/lib/data/person";
import { personPageData } from "@/lib/data/person-page";
import { PersonPage } from "@/components/customer360/person-page";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("contacts");
  const c = await getContactHeader((await params).id);
  return { title: c ? `${c.name} · Contacts` : "Contact not found" };
}

export default async function ContactPage({ params }: Params) {
  const user = await requireArea("contacts");
  const { id } = await params;
  const person = await personByContact(id);
  if (!person) notFound();
  if (person.profileId) redirect(`/customers/${person.profileId}?contact=${encodeURIComponent(id)}`);
  const data = await personPageData(person, id, new Date());
  return <PersonPage data={data} user={user} crumb={{ href: "/contacts", label: "Contacts" }} />;
}
