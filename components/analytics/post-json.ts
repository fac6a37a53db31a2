// Calls an analytics API with the page's session. The embedded database runs one analysis at a time
// and answers 429 analytics_busy with Retry-After: wait that long and ask again (a few times), telling
// the caller so it can say why the answer is late. Every failure comes back as {code, message}.
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string };

const MAX_BUSY_RETRIES = 8;

export async function postJson<T>(url: string, body: unknown, opts: { signal?: AbortSignal; onBusy?: (seconds: number) => void; method?: string } = {}): Promise<ApiResult<T>> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        method: opts.method ?? "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error).name === "AbortError") throw err;
      return { ok: false, status: 0, code: "network", message: "The server could not be reached; check your connection and try again." };
    }
    const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    if (res.ok) return { ok: true, data: json as T };
    if (res.status === 429 && json?.error?.code === "analytics_busy" && attempt < MAX_BUSY_RETRIES) {
      const seconds = Math.max(1, Number(res.headers.get("retry-after")) || 2);
      opts.onBusy?.(seconds);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, seconds * 1000);
        opts.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(new DOMException("Aborted", "AbortError"));
        });
      });
      continue;
    }
    return { ok: false, status: res.status, code: json?.error?.code ?? "http_error", message: json?.error?.message ?? `The server answered ${res.status}.` };
  }
}
