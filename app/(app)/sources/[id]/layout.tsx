// A source's pages: an unknown id is a 404 here, outside the loading boundary, so the status is real.
import { notFound } from "next/navigation";
import { requireArea } from "@/lib/auth/guard";
import { findSource } from "@/lib/sources/find-source";

export default async function SourceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireArea("sources");
  if (!(await findSource((await params).id))) notFound();
  return children;
}
