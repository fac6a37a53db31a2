// The timeline's page request (filters + cursor), as the server action validates it.
import { z } from "zod";
import { TIMELINE_KINDS } from "./timeline";

export const timelinePageInput = z.object({
  contactId: z.string().trim().min(1, "Required").max(100),
  cursor: z.string().max(500).nullable().optional(),
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
  authorId: z.string().max(100).optional(),
});
export type TimelinePageInput = z.infer<typeof timelinePageInput>;
