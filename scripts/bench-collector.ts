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
import { identityWorkload } from "../lib/identity/bench-workload";
import { cleanJson, mayNeedCleaning } from "../lib/ingest/clean";
import { byteLength, normalizeMessage, precheck, toEvent, validateWithSchema, type NormalizedEvent, type NormalizeOptions } from "../lib/ingest/normalize";
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
const TARGET_BYTES = 1500;

/** Pads a message to ~1.5 KB with context fields of the kind SDKs add (none read by Tandem). */
function pad(m: Record<string, unknown>, i: number): Record<string, unknown> {
  const context = { ...(m.context as Record<string, unknown> | undefined) };
  const out = { ...m, context };
  for (let k = 0; byteLength(out) < TARGET_BYTES; k++) context[`x_sdk_field_${k}`] = `value-${i}-${k}-0b6a7f5c9e2d4c1a8f3b`;
  return out;
}

const workload = identityWorkload({ messages: MESSAGES, seed: 13 }).messages.map(pad);
const avgBytes = workload.reduce((n, m) => n + byteLength(m), 0) / workload.length;
const batches: Record<string, unknown>[][] = [];
for (let i = 0; i < workload.length; i += BATCH) batches.push(workload.slice(i, i + BATCH));
const encoder = new TextEncoder();
const batchBodies = batches.map((b) => encoder.encode(JSON.stringify({ batch: b, sentAt: "2026-11-02T00:00:00.000Z" })));
const singleBodies = workload.map((m) => ({ segment: m.type as string, body: encoder.encode(JSON.stringify(m)) }));
const authorization = `Basic ${Buffer.from("bench-write-key:").toString("base64")}`;
const receivedAt = new Date("2026-11-02T00:00:01.000Z");
let seq = 0;

function optionsFor(parsed: ParsedRequest): NormalizeOptions {
  return {
    endpointType: parsed.endpoint === "batch" ? undefined : parsed.endpoint,
    batchContext: parsed.batchContext,
    batchIntegrations: parsed.batchIntegrations,
    batchSentAt: parsed.batchSentAt,
    receivedAt,
    newMessageId: () => `tdm-${++seq}`,
    siteHosts: ["www.loopwise.example"],
  };
}

const parse = (body: Uint8Array, segment = "batch") => parseTrackingRequest({ segment, body, contentEncoding: null, authorization });
const cleaned = (p: ParsedRequest) => (p.needsCleaning ? p.messages.map(cleanJson) : p.messages);

interface Prepared {
  parsed: ParsedRequest;
  options: NormalizeOptions;
  messages: unknown[];
  events: NormalizedEvent[];
}

function prepare(body: Uint8Array, segment?: string): Prepared {
  const parsed = parse(body, segment);
  const options = optionsFor(parsed);
  const messages = cleaned(parsed);
  const events = messages.map((m) => {
    const o = normalizeMessage(m, options);
    if (!o.ok) throw new Error(`the workload has an invalid message: ${o.reason}`);
    return o.event;
  });
  return { parsed, options, messages, events };
}

type Stage = [name: string, run: (p: Prepared, body: Uint8Array, segment?: string) => unknown];

const referenceStages: Stage[] = [
  ["decode + JSON.parse", (_p, body) => JSON.parse(decodeBody(body, null))],
  ["request checks, NUL / surrogate scan", (p, body) => {
    // parseTrackingRequest less its decode and JSON.parse: the write key, the batch, mayNeedCleaning.
    const text = decodeBody(body, null);
    const json = JSON.parse(text) as Record<string, unknown>;
    writeKeyFrom(authorization, json);
    mayNeedCleaning(text);
    return cleaned(p.parsed);
  }],
  ["32 KB size check (re-serialise)", (p) => p.messages.forEach((m) => precheck(m, p.options))],
  ["zod validation", (p) => p.messages.forEach((m) => validateWithSchema(m as Record<string, unknown>, (p.options.endpointType ?? (m as { type: "track" }).type), p.options))],
  ["normalisation (attribution, channel)", (p) => p.messages.forEach((m) => {
    const v = validateWithSchema(m as Record<string, unknown>, (p.options.endpointType ?? (m as { type: "track" }).type), p.options);
    if (v.ok) toEvent(v.message, p.options);
  })],
  ["row building (rows + insert JSON)", (p) => JSON.stringify(p.events.map((e) => eventRow("src", e, null)))],
];

function referenceWhole(body: Uint8Array, segment?: string): string {
  const parsed = parse(body, segment);
  const options = optionsFor(parsed);
  const events: NormalizedEvent[] = [];
  for (const m of cleaned(parsed)) {
    const pre = precheck(m, options);
    if (!pre.ok) continue;
    const v = validateWithSchema(pre.raw, pre.type, options);
    if (v.ok) events.push(toEvent(v.message, options));
  }
  return JSON.stringify(events.map((e) => eventRow("src", e, null)));
}

function collectorWhole(body: Uint8Array, segment?: string): string {
  const parsed = parse(body, segment);
  const options = optionsFor(parsed);
  const events: NormalizedEvent[] = [];
  for (const m of cleaned(parsed)) {
    const o = normalizeMessage(m, options);
    if (o.ok) events.push(o.event);
  }
  return insertParam(events.map((e) => ({ sourceId: "src", event: e, profileId: null })));
}

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
function time(bodies: { body: Uint8Array; segment?: string }[], prepared: Prepared[], runs: Stage[1][]): number[] {
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
  // Both whole paths must produce the same rows before either is timed.
  bodies.forEach((b) => {
    const a = referenceWhole(b.body, b.segment);
    const c = collectorWhole(b.body, b.segment);
    if (a !== c) throw new Error("the collector's rows differ from the reference path's");
  });
  console.log(`\n${label}`);
  let staged = 0;
  const times = time(bodies, prepared, referenceStages.map(([, run]) => run));
  const stageTimes = referenceStages.map(([name], k) => [name, times[k]!] as const);
  // Two stages re-run the one before to get their input; report the difference.
  const of = (prefix: string) => stageTimes.find(([n]) => n.startsWith(prefix))![1];
  for (const [name, us] of stageTimes) {
    const own = name.startsWith("normalisation") ? Math.max(0, us - of("zod")) : name.startsWith("request") ? Math.max(0, us - of("decode")) : us;
    staged += own;
    console.log(`  ${name.padEnd(40)} ${own.toFixed(2).padStart(7)} µs/message`);
  }
  const [reference, collector] = time(bodies, prepared, [(_p, body, segment) => referenceWhole(body, segment), (_p, body, segment) => collectorWhole(body, segment)]) as [number, number];
  console.log(`  ${"sum of the stages".padEnd(40)} ${staged.toFixed(2).padStart(7)} µs/message`);
  console.log(`  ${"reference path, whole".padEnd(40)} ${reference.toFixed(2).padStart(7)} µs/message`);
  console.log(`  ${"collector path, whole (fast path)".padEnd(40)} ${collector.toFixed(2).padStart(7)} µs/message   ratio to reference ${(collector / reference).toFixed(2)}`);
}

console.log(`Collector CPU per message on ${os.cpus().length} cores, Node ${process.version}: ${MESSAGES.toLocaleString("en-US")} messages of ${Math.round(avgBytes)} bytes on average, median of ${ROUNDS} rounds`);
report(`/v1/batch, ${BATCH} messages per request`, batchBodies.map((body) => ({ body })));
report("/v1/<type>, one message per request", singleBodies);
