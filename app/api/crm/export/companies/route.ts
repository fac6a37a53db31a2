// GET /api/crm/export/companies?…view params… — the companies of a view (same filters, search,
// sort and visible columns as the table) as a streamed CSV, every row, no cap. Any CRM reader.
import { apiRoute } from "@/lib/api/handler";
import { companyBatches } from "@/lib/data/companies";
import { companiesViewSchema } from "@/lib/crm/view";
import { companyCsvColumns } from "@/lib/crm/csv-columns";
import { csvFileName, csvStream } from "@/lib/crm/csv";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "crm:read", query: companiesViewSchema }, async ({ query }) => {
  return new Response(csvStream(companyCsvColumns(query.cols), companyBatches(query)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("companies", new Date())}"`,
      "Cache-Control": "no-store",
    },
  });
});
