// GET /api/v1/token: which API token this is and what it may do.
import { z } from "zod";
import { checkToken, TOKEN_SCOPES } from "../../auth/api-tokens";
import { defineOperation } from "../operation";
import { missingTokenExample, tokenErrors } from "./common";

const unknown = checkToken(null, "any", new Date(0));

export const tokenOperation = defineOperation({
  method: "GET",
  path: "/api/v1/token",
  operationId: "getToken",
  tag: "Tokens",
  summary: "The calling token",
  description: "The API token's name and scopes: a quick check that a token works before wiring it into an integration. Any valid token.",
  access: { token: "any" },
  responses: {
    200: {
      description: "The token.",
      content: { "application/json": z.strictObject({ name: z.string(), scopes: z.array(z.enum(TOKEN_SCOPES)) }) },
    },
  },
  errors: tokenErrors("any"),
  examples: [
    { name: "valid", summary: "A valid token", status: 200 },
    missingTokenExample("any"),
    { name: "unknownToken", summary: "A token Tandem does not know", status: 401, credentials: "unknown", error: { code: "invalid_token", message: unknown.ok ? "" : unknown.message } },
  ],
});
