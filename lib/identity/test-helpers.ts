// Shared by the identity tests: message builders and a small world that runs requests in memory.
import type { CallType } from "../ingest/schema";
import type { IdentityMessage } from "./identifiers";
import { createMemoryGraph, ingestRequest, partitionOf, type MemoryGraph } from "./memory";
import type { ResolutionPlan } from "./resolve";
import { DEFAULT_RULES, type IdentityRules } from "./rules";

export const NOW = new Date("2026-03-01T12:00:00.000Z");

export interface MessageFields {
  messageId?: string;
  userId?: string;
  anonymousId?: string;
  previousId?: string;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

let counter = 0;
export function message(type: CallType, f: MessageFields): IdentityMessage {
  return {
    messageId: f.messageId ?? `m${++counter}`,
    type,
    userId: f.userId ?? null,
    anonymousId: f.anonymousId ?? null,
    previousId: f.previousId ?? null,
    traits: f.traits ?? {},
    context: f.context ?? {},
  };
}

export interface World {
  graph: MemoryGraph;
  rules: IdentityRules;
  /** Sends one ingest request. */
  send(...messages: IdentityMessage[]): ResolutionPlan;
  /** The live profile an id now stands for. */
  live(profileId: string): string;
  /** Identifier groups as "type:value", canonical. */
  groups(): string[][];
  newId(): string;
}

export function world(rules: IdentityRules = DEFAULT_RULES): World {
  const graph = createMemoryGraph();
  let n = 0;
  const newId = () => `p${++n}`;
  return {
    graph,
    rules,
    newId,
    send: (...messages) => ingestRequest(graph, messages, { rules, newProfileId: newId, now: NOW }),
    live(id) {
      let p = graph.profiles.get(id);
      while (p?.mergedInto) p = graph.profiles.get(p.mergedInto);
      if (!p) throw new Error(`unknown profile ${id}`);
      return p.id;
    },
    groups: () => partitionOf(graph).map((g) => g.map((k) => k.replace("\u0000", ":"))),
  };
}
