// One zod schema per company input: the create/edit form, the server actions and the tests share them.
import { z } from "zod";
import { ownerField, text } from "./contacts-input";

export const COMPANY_SIZES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"] as const;

const id = z.string().trim().min(1).max(64);

/** A domain as people type it ("https://www.Acme.com/about") reduced to its host ("acme.com"). */
export function normaliseDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

const companyFields = {
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(200, "Use at most 200 characters"),
  domain: text(253, "the domain")
    .transform((v) => (v === null ? null : normaliseDomain(v) || null))
    .refine((v) => v === null || /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(v), "Enter a domain like acme.com"),
  industry: text(100, "the industry"),
  // A band from COMPANY_SIZES in the form; free text accepted so imported bands survive an edit.
  size: text(40, "the size"),
  ownerId: ownerField,
};

export const newCompanyInput = z.object(companyFields);
export type NewCompanyInput = z.infer<typeof newCompanyInput>;
export const updateCompanyInput = z.object({ id, ...companyFields });
export type UpdateCompanyInput = z.infer<typeof updateCompanyInput>;

export const companyActivityInput = z.object({
  companyId: id,
  /** Keyset cursor: the last item shown ("<iso time>|<id>"); omitted for the first page. */
  before: z.string().max(120).optional(),
});
