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
export type NewSourceInput = z.output<typeof newSourceInput>;

export const renameSourceInput = z.object({ id: sourceId, name: sourceName });

export const setSourceEnabledInput = z.object({ id: sourceId, enabled: z.boolean({ error: "Say whether the source is enabled" }) });

export const rotateWriteKeyInput = z.object({ id: sourceId });

/** A web source's browser access; a null rate limit means "no limit". */
export const webSettingsInput = z.object({ id: sourceId, allowedOrigins: allowedOriginsField, rateLimitPerSec: rateLimitField.nullable() });
export type WebSettingsInput = z.output<typeof webSettingsInput>;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** GET /api/sources/[id]/messages?after=&type=&event=&status= */
export const messagesQuery = z.object({
  after: z.preprocess(blankToUndefined, z.string().refine(isCursor, "after must be a cursor from a previous response").optional()),
  type: z.preprocess(blankToUndefined, z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(", ")}` }).optional()),
  event: z.preprocess(blankToUndefined, z.string().trim().max(200, "event must be at most 200 characters").optional()),
  status: z.preprocess(blankToUndefined, z.enum(["all", "accepted", "rejected"]).default("all")),
});
export type MessagesQuery = z.output<typeof messagesQuery>;
