// The Admin API's sources: the wire shape of a source and the data layer's refusals as API errors.
import "server-only";
import { ApiError } from "./errors";
import { SourceAdminError, type SourceDetail } from "../data/source-admin";
import { SOURCE_MESSAGES } from "../sources/inputs";

export function serializeSource(s: SourceDetail) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    enabled: s.enabled,
    builtIn: s.builtIn,
    maskedWriteKey: s.maskedWriteKey,
    allowedOrigins: s.allowedOrigins,
    rateLimitPerSec: s.rateLimitPerSec,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

const STATUS = { not_found: 404, not_allowed: 400, name_taken: 409, built_in: 409 } as const;

/** Runs a data-layer change, answering its refusals as 400/404/409 with the same message the page shows. */
export async function sourceAdminCall<T>(run: () => Promise<T>, id?: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SourceAdminError) {
      const message = err.code === "not_found" && id ? SOURCE_MESSAGES.notFound(id) : err.message;
      throw new ApiError(STATUS[err.code], err.code, message);
    }
    throw err;
  }
}
