"use server";
// Server actions of Settings → Destinations (settings:manage): the same data layer as the admin API.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, ActionError } from "@/lib/auth/actions";
import { createDestination, deleteDestination, resendDelivery, updateDestination } from "@/lib/data/destinations";
import { DestinationError } from "@/lib/destinations/errors";
import { createDestinationSchema, updateDestinationSchema } from "@/lib/destinations/inputs";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DestinationError) throw new ActionError(err.code, err.message, err.code === "invalid_url" ? { url: err.message } : err.code === "name_taken" ? { name: err.message } : undefined);
    throw err;
  }
}

export const createDestinationAction = action("settings:manage", createDestinationSchema, async (input, _user, actor) => {
  const made = await mapErrors(() => createDestination(input, actor));
  revalidatePath("/settings/destinations");
  return { id: made.destination.id, secret: made.secret };
});

export const updateDestinationAction = action("settings:manage", updateDestinationSchema.extend({ id: z.string().min(1) }), async ({ id, ...input }, _user, actor) => {
  const out = await mapErrors(() => updateDestination(id, input, actor));
  revalidatePath(`/settings/destinations/${id}`);
  revalidatePath("/settings/destinations");
  return { secret: out.secret };
});

export const deleteDestinationAction = action("settings:manage", z.object({ id: z.string().min(1) }), async ({ id }, _user, actor) => {
  await mapErrors(() => deleteDestination(id, actor));
  revalidatePath("/settings/destinations");
  return { deleted: true };
});

export const resendDeliveryAction = action("settings:manage", z.object({ id: z.string().min(1), deliveryId: z.string().min(1) }), async ({ id, deliveryId }, _user, actor) => {
  await mapErrors(() => resendDelivery(id, deliveryId, actor));
  revalidatePath(`/settings/destinations/${id}`);
  return { resent: true };
});
