// One zod schema per Sources input: the server actions, the messages API and the forms share them.
import { z } from "zod";
import { checkOrigins, MAX_ALLOWED_ORIGINS } from "./origins";
import { isCursor } from "./messages";

export const SOURCE_KINDS = ["web", "server", "mobile", "crm", "import"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const KIND_LABELS: Record<SourceKind, string> = {
  web: "Website",
  server: "Server",
  mobile: "Mobile app",
  crm: "CRM",
  import: "Import",
};

export const KIND_DESCRIPTIONS: Record<SourceKind, string> = {
  web: "A website using analytics.js; its key is public, so it has allowed origins and a rate limit.",
  server: "A back end sending with a server SDK such as @segment/analytics-node.",
  mobile: "An iOS or Android app using a Segment mobile SDK.",
  crm: "CRM activity emitted as events.",
  import: "Historical data loaded in bulk through /v1/import or /v1/batch.",
};

export const EVENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;

export const DEFAULT_WEB_RATE_LIMIT = 50;
export const MAX_RATE_LIMIT = 10_000;

const sourceId = z.string().trim().min(1, "Choose a source").max(64);
const sourceName = z.string().trim().min(1, "Enter a name").max(80, "Use at most 80 characters");

export const rateLimitField = z
  .number({ error: "Enter a number of requests per second" })
  .int("Use a whole number")
  .min(1, "Allow at least 1 request per second")
  .max(MAX_RATE_LIMIT, `Allow at most ${MAX_RATE_LIMIT.toLocaleString("en-US")} requests per second`);

/** Origins as entered (one per entry), checked and normalised; all problems reported together. */
export const allowedOriginsField = z
  .array(z.string().max(300), { error: "Send the allowed origins as a list" })
  .max(MAX_ALLOWED_ORIGINS * 2)
  .transform((values, ctx) => {
    const { origins, errors } = checkOrigins(values);
    if (errors.length) {
      ctx.addIssue({ code: "custom", message: errors.join(" ") });
      return z.NEVER;
    }
    return origins;
  });

export const newSourceInput = z
  .object({
    name: sourceName,
    kind: z.enum(SOURCE_KINDS, { error: "Choose a kind: web, server, mobile, crm or import" }),
    allowedOrigins: allowedOriginsField.optional(),
    rateLimitPerSec: rateLimitField.nullable().optional(),
  })
  // Only web sources have origins and a rate limit (their keys are public); others get neither.
  .transform((v) =>
    v.kind === "web"
      ? { name: v.name, kind: v.kind, allowedOrigins: v.allowedOrigins ?? [], rateLimitPerSec: v.rateLimitPerSec ?? DEFAULT_WEB_RATE_LIMIT }
      : { name: v.name, kind: v.kind, allowedOrigins: [] as string[], rateLimitPerSec: null },
  );
/** A source to create: web sources may have origins and a limit (null: no limit), others neither. */
export interface NewSourceInput {
  name: string;
  kind: SourceKind;
  allowedOrigins: string[];
  rateLimitPerSec: number | null;
}

export const renameSourceInput = z.object({ id: sourceId, name: sourceName });

export const setSourceEnabledInput = z.object({ id: sourceId, enabled: z.boolean({ error: "Say whether the source is enabled" }) });

export const rotateWriteKeyInput = z.object({ id: sourceId });

/** A web source's browser access; a null rate limit means "no limit". */
export const webSettingsInput = z.object({ id: sourceId, allowedOrigins: allowedOriginsField, rateLimitPerSec: rateLimitField.nullable() });
export type WebSettingsInput = z.output<typeof webSettingsInput>;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** The debugger's "Show" filter: every kind, or accepted events, rejected or quarantined messages only. */
export const MESSAGE_STATUSES = ["all", "accepted", "rejected", "quarantined"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** GET /api/sources/[id]/messages?after=&type=&event=&status= */
export const messagesQuery = z.object({
  after: z.preprocess(blankToUndefined, z.string().refine(isCursor, "after must be a cursor from a previous response").optional()),
  type: z.preprocess(blankToUndefined, z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(", ")}` }).optional()),
  event: z.preprocess(blankToUndefined, z.string().trim().max(200, "event must be at most 200 characters").optional()),
  status: z.preprocess(blankToUndefined, z.enum(MESSAGE_STATUSES, { error: `status must be one of ${MESSAGE_STATUSES.join(", ")}` }).default("all")),
});
export type MessagesQuery = z.output<typeof messagesQuery>;

/** The refusals the Sources page and the Admin API share, in one wording. */
export const SOURCE_MESSAGES = {
  nameTaken: (name: string) => `A source named "${name}" already exists; choose another name.`,
  builtIn: (name: string) => `"${name}" is built in: Tandem writes its own CRM events there, so it cannot be changed over the API (an admin can rotate its key in Sources).`,
  cannotDisableBuiltIn: (name: string) => `"${name}" is built in: Tandem writes its own events there, so it cannot be disabled.`,
  webOnly: "Allowed origins and a rate limit are for web sources only: other sources' keys stay on your servers.",
  notFound: (id: string) => `No source has the id "${id}"; list the sources with GET /api/v1/sources.`,
} as const;

/** The Admin API's create body: like the page's, but strict, and origins or a limit on a non-web source are refused, not dropped. */
export const createSourceBody = z
  .strictObject({
    name: sourceName,
    kind: z.enum(SOURCE_KINDS, { error: "Choose a kind: web, server, mobile, crm or import" }),
    allowedOrigins: allowedOriginsField.optional(),
    rateLimitPerSec: rateLimitField.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "web" && (v.allowedOrigins?.length || v.rateLimitPerSec != null)) {
      ctx.addIssue({ code: "custom", message: SOURCE_MESSAGES.webOnly, path: [v.allowedOrigins?.length ? "allowedOrigins" : "rateLimitPerSec"] });
    }
  })
  // Unlike the page's form (which has no "no limit" choice at creation), an explicit null means no limit.
  .transform(
    (v): NewSourceInput =>
      v.kind === "web"
        ? { name: v.name, kind: v.kind, allowedOrigins: v.allowedOrigins ?? [], rateLimitPerSec: v.rateLimitPerSec === undefined ? DEFAULT_WEB_RATE_LIMIT : v.rateLimitPerSec }
        : { name: v.name, kind: v.kind, allowedOrigins: [], rateLimitPerSec: null },
  );

/** The Admin API's PATCH body: only the fields to change; rateLimitPerSec null means no limit. */
export const patchSourceBody = z
  .strictObject({
    name: sourceName.optional(),
    enabled: z.boolean({ error: "Say whether the source is enabled (true or false)" }).optional(),
    allowedOrigins: allowedOriginsField.optional(),
    rateLimitPerSec: rateLimitField.nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one of name, enabled, allowedOrigins, rateLimitPerSec");
