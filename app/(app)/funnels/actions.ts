"use server";
// Server actions of the funnel builder: save a funnel (new, or over one's own), delete it — for every
// role that reads analytics; only the author or an admin changes an existing one.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { savedFunnelInput } from "@/lib/analytics/funnel-builder";
import * as saved from "@/lib/data/saved-funnels";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof saved.SavedFunnelError) throw new ActionError(err.code, err.message);
    throw err;
  }
}

const id = z.string().min(1).max(100);

export const saveFunnel = action("analytics:read", savedFunnelInput.extend({ id: id.optional() }), async (input, user) => {
  const { id: existing, ...data } = input;
  const f = await mapErrors(() => (existing ? saved.updateSavedFunnel(existing, data, user) : saved.createSavedFunnel(data, user)));
  revalidatePath("/funnels");
  return { id: f.id, name: f.name };
});

export const deleteFunnel = action("analytics:read", z.object({ id }), async ({ id: funnelId }, user) => {
  await mapErrors(() => saved.deleteSavedFunnel(funnelId, user));
  revalidatePath("/funnels");
  return { id: funnelId };
});
