// The privacy API's handlers' shared steps: parse the identifier (400 invalid_identifier), run the
// request, answer 202 with it; read one back by id and kind (404 otherwise).
import "server-only";
import { NextResponse } from "next/server";
import { ApiError } from "./errors";
import { parsePrivacyIdentifier } from "../privacy/identifier";
import type { Identifier } from "../identity/identifiers";
import { getPrivacyRequest, type PrivacyRequestKind, type PrivacyRequestView } from "../data/privacy";
import { requestNotFoundMessage } from "./operations/privacy";

export function identifierOrThrow(input: string): Identifier {
  const parsed = parsePrivacyIdentifier(input);
  if (!parsed.ok) throw new ApiError(400, "invalid_identifier", parsed.message);
  return parsed.identifier;
}

export const accepted = (view: PrivacyRequestView): Response => NextResponse.json(view, { status: 202 });

export async function requestOrThrow(id: string, kind: PrivacyRequestKind): Promise<PrivacyRequestView> {
  const view = await getPrivacyRequest(id);
  if (!view || view.kind !== kind) throw new ApiError(404, "request_not_found", requestNotFoundMessage(kind));
  return view;
}
