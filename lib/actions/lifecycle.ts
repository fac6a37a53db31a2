"use server";
// Settings → Lifecycle events (admins): which events mean signed up, trial started and became a
// customer — the one setting the Customer 360 page, /journeys, funnels, attribution and the CAC/LTV
// dashboards all read.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "../auth/actions";
import { lifecycleSettingsSchema, type LifecycleSettings } from "../analytics/lifecycle";
import { resetLifecycle, saveLifecycle } from "../data/lifecycle";

export const saveLifecycleAction = action("settings:manage", lifecycleSettingsSchema, async (input, _user, actor) => {
  await saveLifecycle(input as LifecycleSettings, actor);
  revalidatePath("/settings");
  return { saved: true };
});

export const resetLifecycleAction = action("settings:manage", z.object({ confirm: z.literal(true, "Confirm the reset") }), async (_input, _user, actor) => {
  await resetLifecycle(actor);
  revalidatePath("/settings");
  return { reset: true };
});
