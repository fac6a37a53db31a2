// Page views in single-page apps: a route change is a history.pushState or a popstate (back/forward)
// that changes the path or query. Hash-only changes and replaceState (query-string tweaks, scroll
// restoration) are not page views.

export interface HistoryHost {
  history: { pushState(data: unknown, unused: string, url?: string | URL | null): void };
  location: { pathname: string; search: string };
  addEventListener(type: "popstate", listener: () => void): void;
}

export function watchRouteChanges(win: HistoryHost, onRoute: () => void): void {
  const key = () => win.location.pathname + win.location.search;
  let last = key();
  const check = () => {
    const now = key();
    if (now === last) return;
    last = now;
    onRoute();
  };
  const history = win.history;
  const push = history.pushState;
  history.pushState = function (this: unknown, ...args: Parameters<typeof push>) {
    const result = push.apply(this, args);
    check();
    return result;
  };
  win.addEventListener("popstate", check);
}
