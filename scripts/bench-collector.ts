// npm run bench:collector [-- --messages 10000 --batch 100 --rounds 7]
// The collector's CPU per message, no database and no HTTP: from a request body's bytes to the rows
// handed to the insert. The messages are lib/identity/bench-workload.ts's (page, track, identify,
// group, alias as analytics-next and analytics-node send them), each padded to ~1.5 KB with extra
// context fields, sent as /v1/batch bodies of --batch messages and as single /v1/<type> bodies.
//
// It times, in the same process:
//   the reference path, stage by stage — JSON (decode + JSON.parse + request checks), the NUL/
//   surrogate scan, the 32 KB size check (re-serialising the message), zod validation, normalisation
//   (attribution, channel, clock skew) and row building (the insert's rows and their JSON);
//   the collector's path as it runs now (the fast path, falling back to zod), stage by stage;
// and prints µs per message (median of --rounds) and the ratio new / reference. Timings on a shared
// machine are noise; only the ratios within one run mean something.
import os from "node:os";
import { parseArgs } from "node:util";
import { padMessage } from "../lib/bench/events";
import { identityWorkload } from "../lib/identity/bench-workload";
import { cleanJson, mayNeedCleaning } from "../lib/ingest/clean";
import { fastValidate } from "../lib/ingest/fast-path";
import {
  byteLength,
  normalizeMessage,
  normalizeMessageWithSchema,
  precheck,
  toEvent,
  validateWithSchema,
  type NormalizedEvent,
  type NormalizeOptions,
  type Outcome,
} from "../lib/ingest/normalize";
import type { CallType, Message } from "../lib/ingest/schema";
import { decodeBody, parseTrackingRequest, writeKeyFrom, type ParsedRequest } from "../lib/ingest/request";
import { eventRow, insertParam } from "../lib/data/events";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "10000" },
    batch: { type: "string", default: "100" },
    rounds: { type: "string", default: "7" },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = Number(values.batch);
const ROUNDS = Number(values.rounds);
const workload = identityWorkload({ messages: MESSAGES, seed: 13 }).messages.map((m, i) => padMessage(m, i));
const avgBytes = workload.reduce((n, m) => n + byteLength(m), 0) / workload.length;
const batches: Record<string, unknown>[][] = [];
for (let i = 0; i < workload.length; i += BATCH) batches.push(workload.slice(i, i + BATCH));
const encoder = new TextEncoder();
const batchBodies = batches.map((b) => encoder.encode(JSON.stringify({ batch: b, sentAt: "2026-11-02T00:00:00.000Z" })));
const singleBodies = workload.map((m) => ({ segment: m.type as string, body: encoder.encode(JSON.stringify(m)) }));
const authorization = `Basic ${Buffer.from("bench-write-key:").toString("base64")}`;
const receivedAt = new Date("2026-11-02T00:00:01.000Z");
let seq = 0;

/** The collector knows the body's size (sourceBytes); the reference did not use it. */
function optionsFor(parsed: ParsedRequest, collector: boolean): NormalizeOptions {
  return {
    endpointType: parsed.endpoint === "batch" ? undefined : parsed.endpoint,
    batchContext: parsed.batchContext,
    batchIntegrations: parsed.batchIntegrations,
    batchSentAt: parsed.batchSentAt,
    receivedAt,
    newMessageId: () => `tdm-${++seq}`,
    siteHosts: ["www.loopwise.example"],
    sourceBytes: collector ? parsed.textBytes : undefined,
  };
}

const parse = (body: Uint8Array, segment = "batch") => parseTrackingRequest({ segment, body, contentEncoding: null, authorization });
const cleaned = (p: ParsedRequest) => (p.needsCleaning ? p.messages.map(cleanJson) : p.messages);
const typeOf = (o: NormalizeOptions, m: unknown) => o.endpointType ?? ((m as { type: CallType }).type);
/** mayNeedCleaning as it was before its quick exit (the reference's scan). */
const oldMayNeedCleaning = (text: string) =>
  /\\u0000|\\ud[89a-f]/i.test(text) || /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

interface Prepared {
  /** The decoded body. */
  text: string;
  parsed: ParsedRequest;
  reference: NormalizeOptions;
  collector: NormalizeOptions;
  messages: unknown[];
  validated: Message[];
  events: NormalizedEvent[];
}

function prepare(body: Uint8Array, segment?: string): Prepared {
  const parsed = parse(body, segment);
  const reference = optionsFor(parsed, false);
  const collector = optionsFor(parsed, true);
  const messages = cleaned(parsed);
  const validated = messages.map((m) => {
    const v = validateWithSchema(m as Record<string, unknown>, typeOf(reference, m), reference);
    if (!v.ok) throw new Error(`the workload has an invalid message: ${v.reason}`);
    return v.message;
  });
  const events = messages.map((m) => {
    const o = normalizeMessage(m, collector);
    if (!o.ok) throw new Error(`the workload has an invalid message: ${o.reason}`);
    return o.event;
  });
  return { text: decodeBody(body, null), parsed, reference, collector, messages, validated, events };
}

type Run = (p: Prepared, body: Uint8Array, segment?: string) => unknown;

/** Each stage: [name, the reference's run, the collector's run]. */
const stages: [string, Run, Run][] = [
  ["decode + JSON.parse", (_p, body) => JSON.parse(decodeBody(body, null)), (_p, body) => JSON.parse(decodeBody(body, null))],
  [
    "write key, NUL / surrogate scan",
    (p) => {
      writeKeyFrom(authorization, {});
      return oldMayNeedCleaning(p.text) ? cleaned(p.parsed) : p.parsed.messages;
    },
    (p) => {
      writeKeyFrom(authorization, {});
      return mayNeedCleaning(p.text) ? cleaned(p.parsed) : p.parsed.messages;
    },
  ],
  ["32 KB size check", (p) => p.messages.forEach((m) => precheck(m, p.reference)), (p) => p.messages.forEach((m) => precheck(m, p.collector))],
  [
    "validation (zod | fast path)",
    (p) => p.messages.forEach((m) => validateWithSchema(m as Record<string, unknown>, typeOf(p.reference, m), p.reference)),
    (p) => p.messages.forEach((m) => fastValidate(m as Record<string, unknown>, typeOf(p.collector, m), p.collector) ?? validateWithSchema(m as Record<string, unknown>, typeOf(p.collector, m), p.collector)),
  ],
  ["normalisation (attribution, channel)", (p) => p.validated.forEach((m) => toEvent(m, p.reference)), (p) => p.validated.forEach((m) => toEvent(m, p.collector))],
  [
    "row building (the insert's JSON)",
    (p) => JSON.stringify(p.events.map((e) => eventRow("src", e, null))),
    (p) => insertParam(p.events.map((e) => ({ sourceId: "src", event: e, profileId: null }))),
  ],
];

/** One request from its body's bytes to the insert's JSON, each message normalised by `normalize`. */
function whole(normalize: (raw: unknown, o: NormalizeOptions) => Outcome, body: Uint8Array, segment?: string): string {
  const parsed = parse(body, segment);
  const options = optionsFor(parsed, normalize === normalizeMessage);
  const events: NormalizedEvent[] = [];
  for (const m of cleaned(parsed)) {
    const o = normalize(m, options);
    if (o.ok) events.push(o.event);
  }
  return insertParam(events.map((e) => ({ sourceId: "src", event: e, profileId: null })));
}
const referenceWhole = (body: Uint8Array, segment?: string) => whole(normalizeMessageWithSchema, body, segment);
const collectorWhole = (body: Uint8Array, segment?: string) => whole(normalizeMessage, body, segment);

/** This process's CPU time in µs (user + system): other work on the machine does not count. */
function cpu(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * µs of CPU per message of each run over every body: the median of ROUNDS rounds, after one
 * warm-up round; the runs take turns within each round, so a slow spell hits them alike.
 */
function time(bodies: { body: Uint8Array; segment?: string }[], prepared: Prepared[], runs: Run[]): number[] {
  const samples: number[][] = runs.map(() => []);
  for (let r = 0; r <= ROUNDS; r++) {
    runs.forEach((run, k) => {
      const t = cpu();
      for (let i = 0; i < bodies.length; i++) run(prepared[i]!, bodies[i]!.body, bodies[i]!.segment);
      if (r > 0) samples[k]!.push((cpu() - t) / MESSAGES);
    });
  }
  return samples.map(median);
}

function report(label: string, bodies: { body: Uint8Array; segment?: string }[]): void {
  const prepared = bodies.map((b) => prepare(b.body, b.segment));
  // Both whole paths must produce the same insert text before either is timed (messageIds are all given).
  bodies.forEach((b) => {
    if (referenceWhole(b.body, b.segment) !== collectorWhole(b.body, b.segment)) throw new Error("the collector's rows differ from the reference path's");
  });
  const times = time(bodies, prepared, stages.flatMap(([, ref, col]) => [ref, col]));
  const [reference, collector] = time(bodies, prepared, [(_p, body, segment) => referenceWhole(body, segment), (_p, body, segment) => collectorWhole(body, segment)]) as [number, number];
  const f = (us: number) => us.toFixed(2).padStart(9);
  console.log(`\n${label}                               µs of CPU per message`);
  console.log(`  ${"stage".padEnd(40)} ${"reference".padStart(9)} ${"collector".padStart(9)}   ratio`);
  let sumRef = 0;
  let sumCol = 0;
  stages.forEach(([name], k) => {
    const [r, c] = [times[2 * k]!, times[2 * k + 1]!];
    sumRef += r;
    sumCol += c;
    console.log(`  ${name.padEnd(40)} ${f(r)} ${f(c)}   ${(c / r).toFixed(2)}`);
  });
  console.log(`  ${"sum of the stages".padEnd(40)} ${f(sumRef)} ${f(sumCol)}   ${(sumCol / sumRef).toFixed(2)}`);
  console.log(`  ${"whole path, one pass".padEnd(40)} ${f(reference)} ${f(collector)}   ${(collector / reference).toFixed(2)}`);
}

console.log(`Collector CPU per message on ${os.cpus().length} cores, Node ${process.version}: ${MESSAGES.toLocaleString("en-US")} messages of ${Math.round(avgBytes)} bytes on average, median of ${ROUNDS} rounds`);
report(`/v1/batch, ${BATCH} messages per request`, batchBodies.map((body) => ({ body })));
report("/v1/<type>, one message per request", singleBodies);
console.log(
  "\nThe reference is the path before: zod validation, the full NUL/surrogate regexes, every message re-serialised for\n" +
    "its size (the collector spares that when the body is small enough to prove it). Both whole paths\n" +
    "share parseTrackingRequest (with the new scan) and attribution's remembered URL parses, so the whole-path ratio\n" +
    "understates the change by those; the stage rows show them.",
);
