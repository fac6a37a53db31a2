// Deep comparison with a tolerance for floating point: the production pipeline sums integer cents and
// divides once, the reference adds dollars one by one, so equal figures may differ in the last bits.
// Returns the paths that differ (empty when equal). Pure; used by the metric tests and the benchmark.
export function differences(a: unknown, b: unknown, path = "$", out: string[] = [], limit = 20): string[] {
  if (out.length >= limit) return out;
  if (typeof a === "number" && typeof b === "number") {
    if (!(a === b || Math.abs(a - b) <= 1e-6 + 1e-9 * Math.max(Math.abs(a), Math.abs(b)))) out.push(`${path}: ${a} ≠ ${b}`);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, out, limit);
    return out;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out, limit);
    return out;
  }
  if (a !== b) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return out;
}
