import { describe, expect, it } from "vitest";
import { layoutSankey } from "./sankey-layout";

const data = {
  nodes: [
    { name: "Signed Up", level: 0, people: 100, other: false },
    { name: "Page /app", level: 1, people: 60, other: false },
    { name: "Other steps", level: 1, people: 20, other: true },
    { name: "Project Created", level: 2, people: 30, other: false },
  ],
  links: [
    { source: 0, target: 1, value: 60 },
    { source: 0, target: 2, value: 20 },
    { source: 1, target: 3, value: 30 },
  ],
};

describe("layoutSankey", () => {
  it("puts each level in its column, on one scale, links stacked", () => {
    const l = layoutSankey(data, { width: 214, height: 110, levels: 2, reverse: false, nodeWidth: 14, gap: 10 });
    expect(l.nodes.map((n) => n.x)).toEqual([0, 100, 100, 200]);
    // The fullest column (level 0: 100 people, no gap) sets the scale: 1.1 px per person.
    expect(l.nodes.map((n) => Math.round(n.height))).toEqual([110, 66, 22, 33]);
    expect(l.nodes[2]!.y).toBeCloseTo(66 + 10);
    expect(l.nodes.map((n) => n.continued)).toEqual([80, 30, 0, 0]);
    // The second link leaves the anchor below the first.
    expect(l.links.find((x) => x.target === 2)!.path.startsWith(`M14,${66 + 11} `)).toBe(true);
  });

  it("mirrors the columns when looking back from an end step", () => {
    const l = layoutSankey(data, { width: 214, height: 110, levels: 2, reverse: true, nodeWidth: 14, gap: 10 });
    expect(l.nodes.map((n) => n.x)).toEqual([200, 100, 100, 0]);
    expect(l.links[0]!.path.startsWith("M200,")).toBe(true);
  });
});
