"use client";
// The paths diagram: columns of steps joined by bands as wide as the people who moved between them.
// Every step is focusable (Tab) and hover or focus highlights its flows and reads out its numbers;
// the page also shows the same numbers as tables.
import { useEffect, useRef, useState } from "react";
import type { SankeyData } from "@/lib/analytics/paths";
import { formatInt } from "@/lib/format";
import { layoutSankey } from "./sankey-layout";

const LABEL_SPACE = 170;

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function describeNode(n: { name: string; level: number; people: number; continued: number }, levels: number, reverse: boolean): string {
  const where = n.level === 0 ? " (anchor)" : ` — ${n.level} step${n.level === 1 ? "" : "s"} ${reverse ? "before" : "after"}`;
  const next = n.level < levels ? `, ${formatInt(n.continued)} ${reverse ? "had a step before it" : "went on"}, ${formatInt(n.people - n.continued)} ${reverse ? "began their session here" : "dropped off"}` : "";
  return `${n.name}${where}: ${formatInt(n.people)} people${next}`;
}

const truncate = (s: string, n = 26) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function SankeyDiagram({ data, levels, reverse, label }: { data: SankeyData; levels: number; reverse: boolean; label: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const perColumn = Math.max(1, ...Array.from({ length: levels + 1 }, (_, l) => data.nodes.filter((n) => n.level === l).length));
  const height = Math.max(220, perColumn * 34);
  // Room for labels beside the outermost column: on the right going forward, on the left looking back.
  const layout = width > 0 ? layoutSankey(data, { width: Math.max(200, width - 8 - (reverse ? 0 : LABEL_SPACE)), height, levels, reverse, labelSpace: reverse ? LABEL_SPACE : 0 }) : null;
  const focused = active === null ? null : layout?.nodes[active];
  const linked = (i: number) => active === null || layout!.links[i]!.source === active || layout!.links[i]!.target === active;

  return (
    <figure aria-label={label} className="space-y-2">
      <div ref={ref} className="w-full overflow-x-auto">
        {layout ? (
          <svg width={layout.width + (reverse ? 0 : LABEL_SPACE)} height={height + 8} role="group" aria-label={label} className="max-w-none">
            <g transform="translate(4,4)">
              {layout.links.map((l, i) => (
                <path key={`${l.source}-${l.target}`} d={l.path} fill="none" stroke={linked(i) ? "#93b4f5" : "#e2e8f0"} strokeOpacity={linked(i) ? 0.7 : 0.5} strokeWidth={l.width}>
                  <title>{`${data.nodes[l.source]!.name} → ${data.nodes[l.target]!.name}: ${formatInt(l.value)} people`}</title>
                </path>
              ))}
              {layout.nodes.map((n) => {
                const description = describeNode(n, levels, reverse);
                const labelLeft = reverse;
                return (
                  <g
                    key={n.index}
                    tabIndex={0}
                    role="img"
                    aria-label={description}
                    data-testid="sankey-node"
                    onFocus={() => setActive(n.index)}
                    onBlur={() => setActive(null)}
                    onMouseEnter={() => setActive(n.index)}
                    onMouseLeave={() => setActive(null)}
                    className="cursor-default outline-none [&:focus-visible>rect]:stroke-brand-700 [&:focus-visible>rect]:stroke-2"
                  >
                    <rect x={n.x} y={n.y} width={layout.nodeWidth} height={n.height} rx={2} fill={n.level === 0 ? "#1f58d0" : n.other ? "#94a3b8" : "#2f6fed"} />
                    <text
                      x={labelLeft ? n.x - 6 : n.x + layout.nodeWidth + 6}
                      y={n.y + n.height / 2}
                      dominantBaseline="middle"
                      textAnchor={labelLeft ? "end" : "start"}
                      className="fill-slate-800 text-[11px]"
                      stroke="white"
                      strokeWidth={3}
                      paintOrder="stroke"
                    >
                      {truncate(n.name)} · {formatInt(n.people)}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
        ) : (
          <div style={{ height }} aria-hidden="true" />
        )}
      </div>
      <figcaption aria-live="polite" className="min-h-5 text-sm text-slate-600">
        {focused ? `${describeNode(focused, levels, reverse)}.` : "Hover over or Tab to a step to read its numbers."}
      </figcaption>
    </figure>
  );
}
