import { describe, expect, it } from "vitest";
import { canModifyInteraction, editInteractionInput, logInteractionInput, pinInteractionInput } from "./interactions";

describe("logInteractionInput", () => {
  it.each([
    [{}, false],
    [{ contactId: "c", kind: "note", body: "Marc just had a baby boy" }, true],
    [{ contactId: "c", kind: "note", body: "   " }, false],
    [{ contactId: "c", kind: "call", outcome: "connected", durationMinutes: "12" }, true],
    [{ contactId: "c", kind: "call" }, false],
    [{ contactId: "c", kind: "call", outcome: "maybe" }, false],
    [{ contactId: "c", kind: "call", outcome: "busy", durationMinutes: -1 }, false],
    [{ contactId: "c", kind: "call", outcome: "busy", durationMinutes: 2000 }, false],
    [{ contactId: "c", kind: "email", outcome: "busy" }, false],
    [{ contactId: "c", kind: "demo", subject: "Product demo" }, true],
    [{ contactId: "c", kind: "form_fill" }, false],
    [{ contactId: "", kind: "email" }, false],
  ])("%j valid: %s", (input, ok) => {
    expect(logInteractionInput.safeParse(input).success).toBe(ok);
  });

  it("coerces minutes", () => {
    expect(logInteractionInput.parse({ contactId: "c", kind: "call", outcome: "busy", durationMinutes: "7" }).durationMinutes).toBe(7);
  });
});

describe("other inputs reject {}", () => {
  it.each([editInteractionInput, pinInteractionInput])("%#", (schema) => {
    expect(schema.safeParse({}).success).toBe(false);
  });
});

describe("canModifyInteraction", () => {
  it.each([
    [{ id: "u1", role: "sales" }, "u1", true],
    [{ id: "u1", role: "sales" }, "u2", false],
    [{ id: "u1", role: "sales" }, null, false],
    [{ id: "u1", role: "success" }, "u1", true],
    [{ id: "u1", role: "admin" }, "u2", true],
    [{ id: "u1", role: "admin" }, null, true],
  ])("%j on an entry by %s → %s", (user, author, ok) => {
    expect(canModifyInteraction(user, author)).toBe(ok);
  });
});
