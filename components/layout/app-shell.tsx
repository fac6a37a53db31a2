// The signed-in frame: role-aware navigation on the left (a drawer on small screens), the user
// menu, and the page. Server component: it receives the already-guarded user.
import Link from "next/link";
import { areasFor, ROLE_LABELS } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/guard";
import { Logo } from "@/components/ui/logo";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";
import { MobileNav } from "./mobile-nav";

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  const items = areasFor(user.role).map(({ key, label, href, group }) => ({ key, label, href, group }));
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700 focus:shadow">
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:flex lg:min-h-screen lg:flex-col">
        <div className="px-5 py-4">
          <Link href="/" aria-label="Tandem home">
            <Logo />
          </Link>
        </div>
        <NavLinks items={items} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white/90 px-4 py-2.5 backdrop-blur lg:px-8">
          <div className="flex items-center gap-3 lg:hidden">
            <MobileNav items={items} />
            <Link href="/" aria-label="Tandem home">
              <Logo />
            </Link>
          </div>
          <div className="hidden text-sm text-slate-500 lg:block">CRM and CDP, side by side</div>
          <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
