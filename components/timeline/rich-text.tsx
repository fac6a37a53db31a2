// A timeline body as React text nodes: line breaks, **bold** and http(s) links only — never raw HTML.
import { Fragment } from "react";
import { parseRichText } from "@/lib/crm/timeline-text";

export function RichText({ text, className = "" }: { text: string; className?: string }) {
  const lines = parseRichText(text);
  return (
    <div className={`whitespace-pre-wrap break-words text-sm text-slate-700 ${className}`}>
      {lines.map((segments, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {segments.map((s, j) =>
            s.type === "bold" ? (
              <strong key={j}>{s.text}</strong>
            ) : s.type === "link" ? (
              <a key={j} href={s.href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                {s.text}
              </a>
            ) : (
              <Fragment key={j}>{s.text}</Fragment>
            ),
          )}
        </Fragment>
      ))}
    </div>
  );
}
