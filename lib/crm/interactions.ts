// Logging interactions: the inputs (one zod schema each, shared by the server actions and forms),
// the labels, and who may change an entry. Pure.
import { z } from "zod";
import type { InteractionKind } from "./crm-events";

export const INTERACTION_KINDS = ["note", "call", "email", "meeting", "demo", "form_fill"] as const satisfies readonly InteractionKind[];
/** What a rep logs by hand from the contact page (form fills come from web forms). */
export const LOGGABLE_KINDS = ["note", "call", "email", "meeting", "demo"] as const;
export type LoggableKind = (typeof LOGGABLE_KINDS)[number];

export const KIND_LABELS: Record<InteractionKind, string> = {
  note: "Note",
  call: "Call",
  email: "Email",
  meeting: "Meeting",
  demo: "Demo",
  form_fill: "Form fill",
};

export const CALL_OUTCOMES = ["connected", "no_answer", "left_voicemail", "left_message", "busy", "wrong_number"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  connected: "Connected",
  no_answer: "No answer",
  left_voicemail: "Left voicemail",
  left_message: "Left message",
  busy: "Busy",
  wrong_number: "Wrong number",
};

export const MAX_BODY = 20_000;
export const MAX_SUBJECT = 200;

const id = z.string().trim().min(1, "Required").max(100);
const subject = z.string().trim().max(MAX_SUBJECT, `At most ${MAX_SUBJECT} characters`);
const body = z.string().max(MAX_BODY, `At most ${MAX_BODY} characters`);
const durationMinutes = z.coerce.number().int("Whole minutes").min(0, "Not negative").max(24 * 60, "At most 24 hours");

export const logInteractionInput = z
  .object({
    contactId: id,
    kind: z.enum(LOGGABLE_KINDS),
    subject: subject.optional(),
    body: body.optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    durationMinutes: durationMinutes.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "call" && !v.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "Pick the call's outcome" });
    if (v.kind !== "call" && (v.outcome || v.durationMinutes !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "Only calls have an outcome and a duration" });
    }
    if (v.kind === "note" && !v.body?.trim()) ctx.addIssue({ code: "custom", path: ["body"], message: "Write the note" });
  });
export type LogInteractionInput = z.infer<typeof logInteractionInput>;

/** An edit: only the fields given change; null clears. */
export const editInteractionInput = z.object({
  id,
  subject: subject.nullable().optional(),
  body: body.nullable().optional(),
  outcome: z.enum(CALL_OUTCOMES).nullable().optional(),
  durationMinutes: durationMinutes.nullable().optional(),
});
export type EditInteractionInput = z.infer<typeof editInteractionInput>;

export const interactionIdInput = z.object({ id });
export const pinInteractionInput = z.object({ id, pinned: z.boolean() });

/** Authors change their own entries; admins change any. */
export function canModifyInteraction(user: { id: string; role: string }, authorId: string | null): boolean {
  return user.role === "admin" || (authorId !== null && authorId === user.id);
}

export const minutesToSeconds = (m: number | null | undefined) => (m == null ? m : Math.round(m * 60));
