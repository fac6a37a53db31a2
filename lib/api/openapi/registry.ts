// Every public operation, in the order the document and /docs/api show them, and the document built
// from them. A test walks app/ and fails when a public route serves an operation missing here.
import packageJson from "../../../package.json";
import type { Operation } from "../operation";
import { analyticsOperations } from "../operations/analytics";
import { crmExportOperation } from "../operations/crm-export";
import { eventsExportOperation, profilesExportOperation } from "../operations/raw-export";
import { submitFormOperation } from "../operations/forms";
import { healthOperation, openApiOperation } from "../operations/meta";
import { cacOperation, ltvOperation, mrrOperation } from "../operations/metrics";
import { profileEventsOperation, profileExternalIdsOperation, profileMergesOperation, profileTimelineOperation, profileTraitsOperation } from "../operations/profiles";
import { rudderSourceConfigOperation, segmentSettingsOperation } from "../operations/sdk-settings";
import { listSpendOperation, putSpendOperation } from "../operations/spend";
import { sourceOperations } from "../operations/sources";
import { tokenOperation } from "../operations/tokens";
import { privacyOperations } from "../operations/privacy";
import { trackingOperations } from "../operations/tracking";
import { buildOpenApiDocument, type OpenApiDocument } from "./build";

export const PUBLIC_OPERATIONS: readonly Operation[] = [
  ...trackingOperations,
  segmentSettingsOperation,
  rudderSourceConfigOperation,
  submitFormOperation,
  profileTraitsOperation,
  profileEventsOperation,
  profileExternalIdsOperation,
  profileMergesOperation,
  profileTimelineOperation,
  crmExportOperation,
  eventsExportOperation,
  profilesExportOperation,
  cacOperation,
  ltvOperation,
  mrrOperation,
  ...analyticsOperations,
  listSpendOperation,
  putSpendOperation,
  ...sourceOperations,
  ...privacyOperations,
  tokenOperation,
  healthOperation,
  openApiOperation,
];

const built = new Map<string, OpenApiDocument>();

/** The document, for clients calling `serverUrl` (built once per URL). */
export function openApiDocument(serverUrl?: string): OpenApiDocument {
  const key = serverUrl ?? "";
  let doc = built.get(key);
  if (!doc) {
    doc = buildOpenApiDocument(PUBLIC_OPERATIONS, { serverUrl, version: packageJson.version });
    if (built.size > 20) built.clear();
    built.set(key, doc);
  }
  return doc;
}
