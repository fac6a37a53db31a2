// GET /api/me — the signed-in user, their role and permissions.
import { apiRoute } from "@/lib/api/handler";
import { permissionsOf } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ access: "signed-in" }, async ({ user }) => ({
  user: { id: user!.id, email: user!.email, name: user!.name, role: user!.role },
  permissions: permissionsOf(user!.role),
}));
