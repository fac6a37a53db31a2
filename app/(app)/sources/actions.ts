"use server";
// Server actions of Sources (admin only, through the shared guard): create, rename, enable/disable,
// rotate the write key, web settings. The full key is returned once, by create and rotate.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import * as sources from "@/lib/data/source-admin";
import { newSourceInput, renameSourceInput, rotateWriteKeyInput, setSourceEnabledInput, webSettingsInput } from "@/lib/sources/inputs";

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof sources.SourceAdminError) throw new ActionError(err.code, err.message, err.field ? { [err.field]: err.message } : undefined);
    throw err;
  }
}

function refresh(id?: string): void {
  revalidatePath("/sources");
  if (id) revalidatePath(`/sources/${id}`);
}

export const createSource = action("sources:manage", newSourceInput, async (input) => {
  const created = await mapErrors(() => sources.addSource(input));
  refresh();
  return created;
});

export const renameSource = action("sources:manage", renameSourceInput, async ({ id, name }) => {
  const s = await mapErrors(() => sources.renameSource(id, name));
  refresh(id);
  return { id: s.id, name: s.name };
});

export const setSourceEnabled = action("sources:manage", setSourceEnabledInput, async ({ id, enabled }) => {
  const s = await mapErrors(() => sources.setSourceEnabled(id, enabled));
  refresh(id);
  return { id: s.id, enabled: s.enabled };
});

export const rotateWriteKey = action("sources:manage", rotateWriteKeyInput, async ({ id }) => {
  const rotated = await mapErrors(() => sources.rotateWriteKey(id));
  refresh(id);
  return rotated;
});

export const updateWebSettings = action("sources:manage", webSettingsInput, async (input) => {
  const s = await mapErrors(() => sources.updateWebSettings(input));
  refresh(input.id);
  return { id: s.id, allowedOrigins: s.allowedOrigins, rateLimitPerSec: s.rateLimitPerSec };
});
