// Sources area frame: the guard runs here, above every loading boundary, so a role without access
// gets a real 403 before anything streams. Each page checks again (the lookup is cached per request).
import { requireArea } from "@/lib/auth/guard";

export default async function SourcesLayout({ children }: { children: React.ReactNode }) {
  await requireArea("sources");
  return children;
}
