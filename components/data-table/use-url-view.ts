"use client";
// The table view lives in the URL: every control patches the search params with router.replace
// inside a transition, so the server component re-renders the view and `pending` drives the
// loading state. Changing anything but the page goes back to page 1.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";

export type ViewPatch = Record<string, string | null | undefined>;

export function useUrlView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  const patch = useCallback(
    (changes: ViewPatch) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, value);
      }
      if (!("page" in changes)) next.delete("page");
      const qs = next.toString();
      startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
    },
    [params, pathname, router],
  );

  const reset = useCallback(
    (keep: string[] = []) => {
      const next = new URLSearchParams();
      for (const k of keep) {
        const v = params.get(k);
        if (v) next.set(k, v);
      }
      const qs = next.toString();
      startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
    },
    [params, pathname, router],
  );

  return { params, pending, patch, reset };
}

/**
 * The search box of a URL view: typed text is patched into `q` after a pause, and the box follows
 * the URL when it changes under it (back/forward, "Clear filters").
 */
export function useDebouncedSearch(urlQ: string, patch: (changes: ViewPatch) => void, delayMs = 350) {
  const [q, setQ] = useState(urlQ);
  const [seen, setSeen] = useState(urlQ);
  // What this box last put in the URL: when the URL catches up with it, what was typed meanwhile
  // stays (replacing it would drop the characters typed while the page loaded).
  const [sent, setSent] = useState<string | null>(null);
  if (seen !== urlQ) {
    setSeen(urlQ);
    if (urlQ === sent) setSent(null);
    else setQ(urlQ);
  }
  useEffect(() => {
    if (q.trim() === urlQ) return;
    const timer = setTimeout(() => {
      setSent(q.trim());
      patch({ q: q.trim() });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [q, urlQ, patch, delayMs]);
  return [q, setQ] as const;
}

/**
 * The DataTable props a URL view drives: paging, sorting and the visible columns are read from the
 * view and patched back into the URL (the default column set is left out of it).
 */
export function urlTableProps(
  view: { page: number; size: number; sort: string; dir: "asc" | "desc"; cols?: readonly string[] },
  patch: (changes: ViewPatch) => void,
  defaultColumns: readonly string[],
) {
  return {
    page: view.page,
    size: view.size,
    sort: view.sort,
    dir: view.dir,
    visible: view.cols ?? defaultColumns,
    onSort: (sort: string, dir: "asc" | "desc") => patch({ sort, dir }),
    onPage: (page: number) => patch({ page: page > 1 ? String(page) : null }),
    onSize: (size: number) => patch({ size: String(size) }),
    onColumns: (cols: string[]) => patch({ cols: cols.join(",") === defaultColumns.join(",") ? null : cols.join(",") }),
  };
}
