// Settings from the script tag: <script src="https://HOST/t.js" data-write-key="…" async></script>.
// The Tracking API is the script's own origin unless data-api-host says otherwise.

export interface ScriptLike {
  src: string;
  getAttribute(name: string): string | null;
}

export interface ScriptConfig {
  writeKey?: string;
  apiHost: string;
  autoPage: boolean;
  cookieDomain?: string;
}

/** "https://api.example.com", "api.example.com" or "//api.example.com/path" → an absolute base URL. */
export function normalizeApiHost(value: string, pageProtocol: string): string {
  let v = value.trim().replace(/\/+$/, "");
  if (v.indexOf("//") === 0) v = pageProtocol + v;
  else if (!/^https?:\/\//i.test(v)) v = `https://${v}`;
  return v;
}

export function configFromScript(script: ScriptLike | null, pageHref: string): ScriptConfig {
  const page = new URL(pageHref);
  const attr = (name: string) => {
    const v = script ? script.getAttribute(name) : null;
    return v && v.trim() ? v.trim() : undefined;
  };
  const apiHostAttr = attr("data-api-host");
  let apiHost = page.origin;
  if (apiHostAttr) apiHost = normalizeApiHost(apiHostAttr, page.protocol);
  else if (script && script.src) {
    try {
      apiHost = new URL(script.src, pageHref).origin;
    } catch {
      apiHost = page.origin;
    }
  }
  return {
    writeKey: attr("data-write-key"),
    apiHost,
    autoPage: attr("data-auto-page") !== "false",
    cookieDomain: attr("data-cookie-domain"),
  };
}
