// GET /api/leadership/overview — spend, revenue and new paying customers by month (leadership, admin).
import { apiRoute } from "@/lib/api/handler";
import { monthlySpendAndRevenue } from "@/lib/data/overview";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "leadership:read" }, async () => ({ months: await monthlySpendAndRevenue() }));
