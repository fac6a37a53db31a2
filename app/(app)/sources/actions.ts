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

export const createSource = action("sources:manage", newSourceInput, async (input, _user, actor) => {
  const created = await mapErrors(() => sources.addSource(input, actor));
  refresh();
  return created;
});

export const renameSource = action("sources:manage", renameSourceInput, async ({ id, name }, _user, actor) => {
  const s = await mapErrors(() => sources.renameSource(id, name, actor));
  refresh(id);
  return { id: s.id, name: s.name };
});

export const setSourceEnabled = action("sources:manage", setSourceEnabledInput, async ({ id, enabled }, _user, actor) => {
  const s = await mapErrors(() => sources.setSourceEnabled(id, enabled, actor));
  refresh(id);
  return { id: s.id, enabled: s.enabled };
});

export const rotateWriteKey = action("sources:manage", rotateWriteKeyInput, async ({ id }, _user, actor) => {
  const rotated = await mapErrors(() => sources.rotateWriteKey(id, actor));
  refresh(id);
  return rotated;
});

export const updateWebSettings = action("sources:manage", webSettingsInput, async (input, _user, actor) => {
  const s = await mapErrors(() => sources.updateWebSettings(input, actor));
  refresh(input.id);
  return { id: s.id, allowedOrigins: s.allowedOrigins, rateLimitPerSec: s.rateLimitPerSec };
});
