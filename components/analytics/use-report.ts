"use client";
// One report's life on a page: it runs on arrival (from the address) and on submit, keeps its
// settings in the address (defaults left out), cancels a run that a newer one replaces, waits out
// analytics_busy, and keeps the previous answer on screen while the next one is computed.
import { useCallback, useEffect, useRef, useState } from "react";
import { viewQuery } from "@/lib/analytics/views";
import { postJson } from "./post-json";
import { resultOf, type RunState } from "./report-parts";

export function useReport<V extends Record<string, string | number>, R>(url: string, initial: V, defaults: V, body: (view: V) => unknown) {
  // Loading from the start: the report runs as soon as the page is shown.
  const [state, setState] = useState<RunState<R>>({ status: "loading" });
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(
    async (view: V) => {
      abort.current?.abort();
      const ctl = new AbortController();
      abort.current = ctl;
      const qs = viewQuery(view, defaults);
      window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
      try {
        const res = await postJson<R>(url, body(view), { signal: ctl.signal, onBusy: (busySeconds) => setState((s) => ({ status: "loading", busySeconds, previous: resultOf(s) })) });
        setState((s) => (res.ok ? { status: "done", data: res.data } : { status: "error", code: res.code, message: res.message, previous: resultOf(s) }));
      } catch (err) {
        if ((err as Error).name !== "AbortError") throw err;
      }
    },
    [url, defaults, body],
  );

  // Runs the report shown on arrival once the page is on screen.
  useEffect(() => {
    const timer = setTimeout(() => void run(initial), 0);
    return () => {
      clearTimeout(timer);
      abort.current?.abort();
    };
  }, [initial, run]);

  const submit = (view: V) => {
    setState((s) => ({ status: "loading", previous: resultOf(s) }));
    void run(view);
  };
  return { state, submit };
}
