// POST /api/v1/forms/{formId}: a public web form posted as JSON or as an ordinary HTML form.
import { z } from "zod";
import { FORM_RATE_LIMIT, formFieldsSchema, HONEYPOT_FIELD, MAX_FORM_BYTES } from "../../crm/forms";
import { defineOperation } from "../operation";
import { EXAMPLE } from "./common";

const HTML_FORM = "application/x-www-form-urlencoded";

export const submitFormOperation = defineOperation({
  method: "POST",
  path: "/api/v1/forms/{formId}",
  operationId: "submitForm",
  tag: "Forms",
  summary: "Submit a web form",
  description:
    "Creates the lead as a CRM contact, or fills only its blank fields (a public form never overwrites what the team recorded), logs a form fill on the contact's timeline and a `Form Submitted` event carrying the visitor's anonymous id, so identity resolution joins their earlier visits. " +
    `Post JSON from a script (answered with JSON), or an ordinary HTML form (answered with a thank-you page, or a 303 to the form's redirect URL). CORS is open. At most ${MAX_FORM_BYTES / 1024} KB; ` +
    `${FORM_RATE_LIMIT.limit} submissions per form and IP address every ${FORM_RATE_LIMIT.windowMs / 60_000} minutes. A filled \`${HONEYPOT_FIELD}\` field is answered like a success and stored nowhere.`,
  access: "public",
  params: z.object({ formId: z.string().describe("The form's id, from Settings → Web forms.") }),
  body: formFieldsSchema,
  bodyContentTypes: ["application/json", HTML_FORM, "multipart/form-data"],
  responses: {
    200: {
      description: "Received: JSON for a JSON post, a thank-you page for an HTML form without a redirect URL.",
      content: { "application/json": z.strictObject({ success: z.literal(true) }), "text/html": z.string() },
    },
    303: { description: "Received (an HTML form whose form has a redirect URL): go there.", headers: { Location: "The form's redirect URL." } },
  },
  errors: { 400: ["invalid_json", "invalid_submission"], 404: ["form_not_found"], 413: ["payload_too_large"], 429: ["rate_limited"] },
  examples: [
    {
      name: "json",
      summary: "A demo request from a script",
      status: 200,
      params: { formId: EXAMPLE.formId },
      body: { email: EXAMPLE.email, first_name: "Ann", last_name: "Lee", company: "Acme Inc", message: "We are 40 people; can we see a demo?" },
      response: { success: true },
    },
    {
      name: "htmlForm",
      summary: "An ordinary HTML form post",
      status: 200,
      params: { formId: EXAMPLE.formId },
      contentType: HTML_FORM,
      body: { email: "bob@example.com", name: "Bob Stone", [HONEYPOT_FIELD]: "" },
    },
    {
      name: "invalidEmail",
      summary: "Without a valid email",
      status: 400,
      params: { formId: EXAMPLE.formId },
      body: { email: "not-an-email", first_name: "Ann" },
      error: { code: "invalid_submission", message: "Enter a valid email address." },
    },
    {
      name: "unknownForm",
      summary: "A form id that does not exist",
      status: 404,
      params: { formId: "no-such-form" },
      body: { email: EXAMPLE.email },
      error: { code: "form_not_found", message: "This form does not exist or is switched off; check the form id in Settings → Forms." },
    },
  ],
});
