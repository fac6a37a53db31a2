// "/": sends each role to its first area.
import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { homeFor } from "@/lib/auth/permissions";

export default async function Home() {
  const user = await requirePage("signed-in");
  redirect(homeFor(user.role));
}
