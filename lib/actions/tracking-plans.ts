"use server";
// A source's tracking plan and quarantine (whoever manages sources, through the shared guard): save or
// delete the plan, suggest one from the event catalog, change the quarantine's bounds, release
// quarantined messages into the normal path.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "../auth/actions";
import * as plans from "../data/tracking-plans";
import { quarantineSettingsInput, releaseInput, savePlanInput, sourceIdInput } from "../sources/plan";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof plans.PlanAdminError) throw new ActionError(err.code, err.message, err.field ? { [err.field]: err.message } : undefined);
    throw err;
  }
}

function refresh(sourceId: string): void {
  revalidatePath(`/sources/${sourceId}`);
  revalidatePath(`/sources/${sourceId}/plan`);
  revalidatePath(`/sources/${sourceId}/quarantine`);
}

export const saveTrackingPlanAction = action("sources:manage", savePlanInput, async ({ sourceId, plan }, _user, actor) => {
  const saved = await mapErrors(() => plans.saveTrackingPlan(sourceId, plan, actor));
  refresh(sourceId);
  return { version: saved.version };
});

export const deleteTrackingPlanAction = action("sources:manage", sourceIdInput, async ({ sourceId }, _user, actor) => {
  await mapErrors(() => plans.deleteTrackingPlan(sourceId, actor));
  refresh(sourceId);
  return { deleted: true };
});

export const suggestTrackingPlanAction = action("sources:manage", sourceIdInput, async () => {
  return plans.suggestTrackingPlan();
});

export const saveQuarantineBoundsAction = action("sources:manage", quarantineSettingsInput, async (input, _user, actor) => {
  const bounds = await mapErrors(() => plans.saveQuarantineBounds(input, actor));
  refresh(input.sourceId);
  return bounds;
});

export const releaseQuarantinedAction = action("sources:manage", releaseInput, async (input, _user, actor) => {
  const released = await mapErrors(() => plans.releaseQuarantined(input, actor));
  refresh(input.sourceId);
  return released;
});
