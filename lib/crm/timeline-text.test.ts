import { describe, expect, it } from "vitest";
import { parseRichText } from "./timeline-text";

describe("parseRichText", () => {
  it.each([
    { name: "plain text", input: "Marc just had a baby boy", want: [[{ type: "text", text: "Marc just had a baby boy" }]] },
    { name: "empty", input: "", want: [[]] },
    {
      name: "line breaks (any convention)",
      input: "one\r\ntwo\nthree\rfour",
      want: [[{ type: "text", text: "one" }], [{ type: "text", text: "two" }], [{ type: "text", text: "three" }], [{ type: "text", text: "four" }]],
    },
    {
      name: "bold",
      input: "call **before** Friday",
      want: [[{ type: "text", text: "call " }, { type: "bold", text: "before" }, { type: "text", text: " Friday" }]],
    },
    { name: "unclosed bold stays text", input: "a **b", want: [[{ type: "text", text: "a **b" }]] },
    {
      name: "a link, without its trailing punctuation",
      input: "see https://acme.example/p?q=1.",
      want: [[{ type: "text", text: "see " }, { type: "link", text: "https://acme.example/p?q=1", href: "https://acme.example/p?q=1" }, { type: "text", text: "." }]],
    },
    { name: "HTML is text, not markup", input: "<script>alert(1)</script><b>x</b>", want: [[{ type: "text", text: "<script>alert(1)</script><b>x</b>" }]] },
    { name: "javascript: is never a link", input: "javascript:alert(1)", want: [[{ type: "text", text: "javascript:alert(1)" }]] },
    { name: "data: is never a link", input: "data:text/html,<b>x</b>", want: [[{ type: "text", text: "data:text/html,<b>x</b>" }]] },
    {
      name: "quotes end a link",
      input: 'x https://a.example/"onmouseover="y',
      want: [[{ type: "text", text: "x " }, { type: "link", text: "https://a.example/", href: "https://a.example/" }, { type: "text", text: '"onmouseover="y' }]],
    },
  ])("$name", ({ input, want }) => {
    expect(parseRichText(input)).toEqual(want);
  });
});
