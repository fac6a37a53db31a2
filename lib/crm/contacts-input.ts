// One zod schema per contact input: the create/edit form, the server actions and the tests share them.
import { z } from "zod";
import { LIFECYCLE_STAGES } from "./stages";

export const text = (max: number, label: string) =>
  z
    .string({ error: `Send ${label} as text` })
    .max(max, `Use at most ${max} characters`)
    .nullish()
    .transform((v) => (v ?? "").trim() || null);

const id = z.string().trim().min(1).max(64);
/** The owner as sent by the form: undefined when the field is not offered, "" or null for none. */
export const ownerField = z
  .union([id, z.literal(""), z.null()])
  .optional()
  .transform((v) => (v === "" ? null : v));

const contactFields = {
  email: z
    .string()
    .trim()
    .max(254, "Use at most 254 characters")
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid email address, like ada@example.com"),
  firstName: text(100, "the first name"),
  lastName: text(100, "the last name"),
  phone: text(40, "the phone number").refine((v) => v === null || /^[+()0-9 .\-x]{3,40}$/i.test(v), "Use digits, spaces and + ( ) - . only"),
  jobTitle: text(120, "the job title"),
  companyId: z.union([id, z.literal(""), z.null()]).optional().transform((v) => v || null),
  ownerId: ownerField,
  lifecycleStage: z.enum(LIFECYCLE_STAGES, { error: "Choose a lifecycle stage" }),
};

const needsIdentity = <T extends { email: string | null; firstName: string | null; lastName: string | null }>(v: T) =>
  v.email !== null || v.firstName !== null || v.lastName !== null;
const identityIssue = { message: "Enter an email address or a name", path: ["email"] };

export const newContactInput = z.object(contactFields).refine(needsIdentity, identityIssue);
export type NewContactInput = z.infer<typeof newContactInput>;

export const updateContactInput = z.object({ id, ...contactFields }).refine(needsIdentity, identityIssue);
export type UpdateContactInput = z.infer<typeof updateContactInput>;

export const recordIdInput = z.object({ id });
export const searchInput = z.object({ q: z.string().trim().max(100) });
