// Light formatting for timeline bodies, parsed here into plain segments that the UI renders as React
// elements — never as HTML. Supported: line breaks, **bold**, and bare http(s) links.

export type TextSegment = { type: "text"; text: string } | { type: "bold"; text: string } | { type: "link"; text: string; href: string };

/** One array of segments per line. */
export type RichText = TextSegment[][];

const TOKEN = /\*\*([^*\n]+?)\*\*|\bhttps?:\/\/[^\s<>"']+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

function safeHref(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

function parseLine(line: string): TextSegment[] {
  const out: TextSegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.type === "text") last.text += text;
    else out.push({ type: "text", text });
  };
  let at = 0;
  for (const m of line.matchAll(TOKEN)) {
    const start = m.index;
    pushText(line.slice(at, start));
    if (m[1] !== undefined) {
      out.push({ type: "bold", text: m[1] });
      at = start + m[0].length;
      continue;
    }
    const trail = m[0].match(TRAILING_PUNCTUATION)?.[0] ?? "";
    const url = m[0].slice(0, m[0].length - trail.length);
    const href = safeHref(url);
    if (href) out.push({ type: "link", text: url, href });
    else pushText(url);
    at = start + url.length;
  }
  pushText(line.slice(at));
  return out;
}

export function parseRichText(text: string): RichText {
  return text.replace(/\r\n?/g, "\n").split("\n").map(parseLine);
}
