// The live debugger's polls in tests. Its cursor is a transaction horizon (lib/data/source-admin.ts,
// listSourceMessages): a row shows once every transaction older than its own has ended, so on a
// PostgreSQL server another suite's transaction still open holds a just-committed row back for a moment.
import { prependMessages, type DebuggerMessage, type MessagesPage } from "../lib/sources/messages";
import type { Db } from "../lib/db/prisma";

export interface CaughtUp {
  cursor: string;
  /** The list as the debugger shows it: each poll's messages on top of the ones before, by key. */
  messages: DebuggerMessage[];
  /** Every message as the polls returned them (duplicates included). */
  sent: DebuggerMessage[];
  truncated: boolean;
}

/**
 * Polls from `after` (none: a first poll), as the debugger does, until the cursor has passed every
 * row written so far.
 */
export async function pollCaughtUp(db: Db, poll: (after: string | undefined) => Promise<MessagesPage>, after?: string): Promise<CaughtUp> {
  const [{ last }] = await db.$queryRaw<{ last: string | null }[]>`
    SELECT greatest((SELECT max(txid) FROM events), (SELECT max(txid) FROM rejected_messages), (SELECT max(txid) FROM quarantined_messages))::text AS last`;
  const out: CaughtUp = { cursor: after ?? "", messages: [], sent: [], truncated: false };
  for (let first = true; ; first = false) {
    if (!first) await new Promise((r) => setTimeout(r, 20));
    const page = await poll(out.cursor || undefined);
    out.cursor = page.cursor;
    out.messages = prependMessages(out.messages, page.messages, 1000);
    out.sent.push(...page.messages);
    out.truncated ||= page.truncated;
    if (last === null || BigInt(page.cursor) > BigInt(last)) return out;
  }
}
