// GET /leadership/people/export?figure=… — the people behind a figure as CSV (leadership:read).
import { apiRoute } from "@/lib/api/handler";
import { refusingBadRange, searchParamsOf } from "@/lib/api/metrics";
import { csvFileName, csvRow } from "@/lib/crm/csv";
import { loadFigurePeople, metricContext } from "@/lib/data/metrics";
import { parseFigure } from "@/lib/metrics/query";

export const dynamic = "force-dynamic";

/** More than any one figure's people on a real workspace; the CSV says so if it was cut. */
const MAX_ROWS = 100_000;

export const GET = apiRoute({ access: "leadership:read" }, async ({ req }) => {
  const fq = refusingBadRange(() => parseFigure(searchParamsOf(req)));
  const ctx = await metricContext();
  const res = await loadFigurePeople(ctx, fq, { limit: MAX_ROWS, offset: 0 });
  const c = ctx.settings.currency;
  const body =
    "\uFEFF" +
    csvRow(["profile_id", "name", "email", "channel", "customer_since", `amount_${c.toLowerCase()}`, `revenue_to_date_${c.toLowerCase()}`]) +
    res.rows.map((r) => csvRow([r.id, r.name, r.email, r.channel, r.customerAt, r.amount === null ? null : Math.round(r.amount * 100) / 100, r.revenue])).join("");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName(`people-${fq.figure.kind}`, ctx.now)}"`,
      ...(res.total > res.rows.length ? { "x-tandem-truncated": `${res.rows.length} of ${res.total}` } : {}),
    },
  });
});
