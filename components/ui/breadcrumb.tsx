// The trail above a detail page: links back up, then where you are (aria-current).
import Link from "next/link";
import { Fragment } from "react";

export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      {trail.map((crumb) => (
        <Fragment key={crumb.href}>
          <Link href={crumb.href} className="link">
            {crumb.label}
          </Link>
          <span aria-hidden="true" className="mx-1 text-slate-400">
            /
          </span>
        </Fragment>
      ))}
      <span aria-current="page" className="text-slate-600">
        {current}
      </span>
    </nav>
  );
}
