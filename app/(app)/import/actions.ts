"use server";
// Server action of Import: check (dryRun) or import one chunk of mapped CSV rows (crm:write).
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/auth/actions";
import { CrmError } from "@/lib/data/contacts";
import { importChunk } from "@/lib/data/crm-import";
import { importChunkInput } from "@/lib/crm/import";

export const importRows = action("crm:write", importChunkInput, async (input, user) => {
  try {
    const results = await importChunk(input, user);
    if (!input.dryRun) revalidatePath(input.kind === "contacts" ? "/contacts" : "/companies");
    return results;
  } catch (err) {
    if (err instanceof CrmError) throw new ActionError(err.code, err.message);
    throw err;
  }
});
