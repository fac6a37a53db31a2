// GET /api/crm/export/contacts?…view params… — the contacts of a view (same filters, search, sort
// and visible columns as the table) as a streamed CSV, every row, no cap. Any CRM reader.
import { apiRoute } from "@/lib/api/handler";
import { contactBatches } from "@/lib/data/contacts";
import { contactsViewSchema } from "@/lib/crm/view";
import { contactCsvColumns } from "@/lib/crm/csv-columns";
import { csvFileName, csvStream } from "@/lib/crm/csv";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "crm:read", query: contactsViewSchema }, async ({ query }) => {
  return new Response(csvStream(contactCsvColumns(query.cols), contactBatches(query)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("contacts", new Date())}"`,
      "Cache-Control": "no-store",
    },
  });
});
