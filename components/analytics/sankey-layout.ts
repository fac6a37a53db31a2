// Geometry of the paths diagram: one column per level (the anchor first, or last when looking back),
// node heights proportional to people on one scale for every column, links stacked on both ends in
// the order of the nodes they join. Pure, so it is tested without a browser.
import type { SankeyData } from "@/lib/analytics/paths";

export interface LaidNode {
  index: number;
  name: string;
  level: number;
  people: number;
  other: boolean;
  x: number;
  y: number;
  height: number;
  /** People who went on to a next step (the rest ended there). */
  continued: number;
}

export interface LaidLink {
  source: number;
  target: number;
  value: number;
  /** A cubic Bézier along the band's centre line, drawn with `width` as its stroke width. */
  path: string;
  width: number;
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodeWidth: number;
  nodes: LaidNode[];
  links: LaidLink[];
  columns: { level: number; x: number }[];
}

const r = (n: number) => Math.round(n * 100) / 100;

export function layoutSankey(data: SankeyData, opts: { width: number; height: number; levels: number; reverse: boolean; nodeWidth?: number; gap?: number; labelSpace?: number }): SankeyLayout {
  const nodeWidth = opts.nodeWidth ?? 14;
  const gap = opts.gap ?? 10;
  const labelSpace = opts.labelSpace ?? 0;
  const usable = Math.max(1, opts.width - nodeWidth - labelSpace);
  const step = opts.levels > 0 ? usable / opts.levels : 0;
  const xOf = (level: number) => (opts.reverse ? labelSpace + (opts.levels - level) * step : level * step);

  const byLevel = new Map<number, number[]>();
  data.nodes.forEach((n, i) => byLevel.set(n.level, [...(byLevel.get(n.level) ?? []), i]));
  // One scale for all columns: the fullest column (people plus gaps) fits the height.
  let scale = Infinity;
  for (const ids of byLevel.values()) {
    const total = ids.reduce((s, i) => s + data.nodes[i]!.people, 0);
    if (total > 0) scale = Math.min(scale, (opts.height - gap * (ids.length - 1)) / total);
  }
  if (!Number.isFinite(scale) || scale <= 0) scale = 1;

  const continued = new Map<number, number>();
  for (const l of data.links) continued.set(l.source, (continued.get(l.source) ?? 0) + l.value);
  const nodes: LaidNode[] = data.nodes.map((n, index) => ({ index, ...n, x: xOf(n.level), y: 0, height: Math.max(1, n.people * scale), continued: continued.get(index) ?? 0 }));
  for (const ids of byLevel.values()) {
    let y = 0;
    for (const i of ids) {
      nodes[i]!.y = y;
      y += nodes[i]!.height + gap;
    }
  }

  const outOffset = new Map<number, number>();
  const inOffset = new Map<number, number>();
  const ordered = [...data.links].sort((a, b) => nodes[a.source]!.y - nodes[b.source]!.y || nodes[a.target]!.y - nodes[b.target]!.y);
  const links: LaidLink[] = [];
  for (const l of ordered) {
    const s = nodes[l.source]!;
    const t = nodes[l.target]!;
    const width = Math.max(1, l.value * scale);
    const sy = s.y + (outOffset.get(l.source) ?? 0) + width / 2;
    const ty = t.y + (inOffset.get(l.target) ?? 0) + width / 2;
    outOffset.set(l.source, (outOffset.get(l.source) ?? 0) + l.value * scale);
    inOffset.set(l.target, (inOffset.get(l.target) ?? 0) + l.value * scale);
    // Looking back, flows run right to left: from the source's left edge to the target's right edge.
    const x0 = opts.reverse ? s.x : s.x + nodeWidth;
    const x1 = opts.reverse ? t.x + nodeWidth : t.x;
    const mid = (x0 + x1) / 2;
    links.push({ source: l.source, target: l.target, value: l.value, width, path: `M${r(x0)},${r(sy)} C${r(mid)},${r(sy)} ${r(mid)},${r(ty)} ${r(x1)},${r(ty)}` });
  }
  const columns = [...byLevel.keys()].sort((a, b) => a - b).map((level) => ({ level, x: xOf(level) }));
  return { width: opts.width, height: opts.height, nodeWidth, nodes, links, columns };
}
