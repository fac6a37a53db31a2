"use server";
// Server actions of Settings → Identity resolution rules (admin only, through the shared guard).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/actions";
import { identityRulesSchema, type IdentityRules } from "@/lib/identity/rules";
import { resetIdentityRules, saveIdentityRules } from "@/lib/data/identity-rules";

// The stored shape itself: its zod messages come back as field errors keyed by path
// ("limits.email", "blockedPatterns.2", …), which the form puts next to the field.
export const saveIdentityRulesAction = action("settings:manage", identityRulesSchema, async (input, _user, actor) => {
  await saveIdentityRules(input as IdentityRules, actor);
  revalidatePath("/settings");
  return { saved: true };
});

export const resetIdentityRulesAction = action("settings:manage", z.object({ confirm: z.literal(true, "Confirm the reset") }), async (_input, _user, actor) => {
  await resetIdentityRules(actor);
  revalidatePath("/settings");
  return { reset: true };
});
