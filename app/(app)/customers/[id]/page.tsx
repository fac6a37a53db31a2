// One person, the Customer 360 view: the CRM relationship timeline and the CDP journey side by side,
// with the journey summary, the gaps, what each system knows and the profile's details. The layout
// has already resolved the id (a merged-away id redirected to the survivor). `?contact=` picks which
// of the person's CRM contacts the CRM side shows.
import type { Metadata } from "next";
import { requireArea } from "@/lib/auth/guard";
import { profileName } from "@/lib/data/profiles";
import { personByProfile } from "@/lib/data/person";
import { personPageData } from "@/lib/data/person-page";
import { PersonPage } from "@/components/customer360/person-page";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<{ contact?: string | string[] }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  await requireArea("customers");
  const name = await profileName((await params).id);
  return { title: name ? `${name} · Customers` : "Customer not found" };
}

export default async function CustomerPage({ params, searchParams }: Params) {
  const user = await requireArea("customers");
  const { id } = await params;
  const { contact } = await searchParams;
  const person = await personByProfile(id);
  const data = await personPageData(person, typeof contact === "string" ? contact : null, new Date());
  return <PersonPage data={data} user={user} crumb={{ href: "/customers", label: "Customers" }} />;
}
