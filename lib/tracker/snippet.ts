// The queue stub a page may inline before t.js: calls made before the script has loaded are pushed
// onto an array and replayed in order once it has. Safe to run before or after t.js.
import type { TandemApi } from "./tracker";

export const STUB_METHODS = ["page", "identify", "track", "group", "alias", "reset"] as const;
type StubMethod = (typeof STUB_METHODS)[number];

/** For an inline <script> before t.js (a test checks it stubs exactly STUB_METHODS). */
export const STUB_SNIPPET =
  'window.tandem=window.tandem||[];["page","identify","track","group","alias","reset"].forEach(function(m){tandem[m]=tandem[m]||function(){tandem.push([m].concat([].slice.call(arguments)))}});';

/** The calls queued on a stub (an array of [method, ...args]); anything else yields none. */
export function queuedCalls(stub: unknown): [StubMethod, unknown[]][] {
  if (!Array.isArray(stub)) return [];
  const calls: [StubMethod, unknown[]][] = [];
  for (const entry of stub) {
    if (Array.isArray(entry) && (STUB_METHODS as readonly unknown[]).indexOf(entry[0]) >= 0) calls.push([entry[0] as StubMethod, entry.slice(1)]);
  }
  return calls;
}

export function replayCalls(calls: [StubMethod, unknown[]][], api: TandemApi): void {
  for (const [method, args] of calls) (api[method] as (...a: unknown[]) => void)(...args);
}
