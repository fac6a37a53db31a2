// The audit log on a real database: every admin action, called as the UI calls it (its server action,
// signed in, behind the collector), records exactly one entry with the actor, action, target and peer
// address, and never a secret; a refused or no-op action records nothing; the token API and the CLIs
// are actors too; the list's filters and keyset paging; the CSV export; admins only.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_ACTOR, type TestDatabase } from "../../tests/test-database";
import { createUser, type StaffUser } from "./users";
import { createApiToken } from "./api-tokens";
import { auditBatches, auditExportResponse, listAuditActors, listAuditEntries, recordAudit } from "./audit";
import { prismaSql } from "./sql";
import { resetEnv } from "../env";
import { parseCsv } from "../crm/csv";
import { CLI_ACTOR, systemActor, userActor, type AuditAction } from "../audit/actions";
import { NO_FILTER, parseCursor, type AuditEntryRow, type AuditFilter } from "../audit/query";
import { ROLES, type Role } from "../auth/permissions";
import { DEFAULT_RULES } from "../identity/rules";
import { DEFAULT_LIFECYCLE } from "../analytics/lifecycle";
import { createApiTokenAction, createFormAction, createUserAction, revokeApiTokenAction, updateUserAction } from "../../app/(app)/settings/actions";
import { resetIdentityRulesAction, saveIdentityRulesAction } from "../../app/(app)/settings/identity-actions";
import { resetLifecycleAction, saveLifecycleAction } from "../actions/lifecycle";
import { createSource, renameSource, rotateWriteKey, setSourceEnabled, updateWebSettings } from "../../app/(app)/sources/actions";
import { importSpend, saveMetricSettingsAction, saveSpendCells } from "../../app/(app)/leadership/actions";
import { PUT as putSpend } from "../../app/api/v1/spend/route";
import { GET as exportAudit } from "../../app/(app)/settings/audit/export/route";

const PEER = "203.0.113.9";
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
// The request as the collector forwards it: its own x-tandem-peer, and a forged X-Forwarded-For.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-tandem-peer": "203.0.113.9", "x-forwarded-for": "198.51.100.66" }) }));

let t: TestDatabase;
const users = {} as Record<Role, StaffUser>;

beforeAll(async () => {
  vi.stubEnv("TANDEM_COLLECTOR_IN_FRONT", "1");
  resetEnv();
  t = await createTestDatabase();
  for (const role of ROLES) users[role] = await createUser({ email: `${role}@audit.test`, name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`, role, password: "a long password" });
  session.userId = users.admin.id;
});
afterAll(async () => {
  await t.close();
  vi.unstubAllEnvs();
  resetEnv();
});

interface Entry {
  action: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Record<string, unknown>;
  peer: string | null;
}

/** Runs an admin action and returns the audit entries it wrote (in order). */
async function entriesOf(run: () => Promise<unknown>): Promise<Entry[]> {
  const [{ max }] = await t.db.$queryRaw<{ max: bigint | null }[]>`SELECT max(seq) AS max FROM audit_log`;
  const result = await run();
  if (result && typeof result === "object" && "ok" in result) expect(result, "the action succeeds").toMatchObject({ ok: true });
  return t.db.$queryRaw<Entry[]>`
    SELECT action, actor_user_id, actor_token_id, actor_label, target_type, target_id, target_label, details, peer
    FROM audit_log WHERE seq > ${max ?? 0n} ORDER BY seq`;
}

/** The one entry an action wrote, done by the signed-in admin from PEER, holding none of `secrets`. */
async function oneEntry(run: () => Promise<unknown>, action: AuditAction, secrets: string[] = []): Promise<Entry> {
  const entries = await entriesOf(run);
  expect(entries.map((e) => e.action)).toEqual([action]);
  const e = entries[0]!;
  expect(e).toMatchObject({ actor_user_id: users.admin.id, actor_token_id: null, actor_label: "Admin Person", peer: PEER });
  const text = JSON.stringify(e);
  for (const s of secrets) expect(text).not.toContain(s);
  return e;
}

const dataOf = <T,>(r: { ok: boolean; data?: T }) => (r as { data: T }).data;

describe("every admin action records exactly one entry", () => {
  it("users: created, role changed, disabled, enabled — never the password", async () => {
    const password = "correct horse battery staple";
    const created = await oneEntry(() => createUserAction({ email: "Nia@Audit.test", name: "Nia New", role: "sales", password }), "user.created", [password]);
    const nia = await t.db.user.findUniqueOrThrow({ where: { email: "nia@audit.test" } });
    expect(created).toMatchObject({ target_type: "user", target_id: nia.id, target_label: "nia@audit.test", details: { name: "Nia New", role: "sales" } });
    expect(JSON.stringify(created)).not.toContain(nia.passwordHash);

    const role = await oneEntry(() => updateUserAction({ id: nia.id, role: "marketing" }), "user.role_changed");
    expect(role).toMatchObject({ target_id: nia.id, details: { role: { from: "sales", to: "marketing" } } });
    expect((await oneEntry(() => updateUserAction({ id: nia.id, disabled: true }), "user.disabled")).target_id).toBe(nia.id);
    expect((await oneEntry(() => updateUserAction({ id: nia.id, disabled: false }), "user.enabled")).target_id).toBe(nia.id);
    // Both at once are two facts, each filterable.
    expect((await entriesOf(() => updateUserAction({ id: nia.id, role: "sales", disabled: true }))).map((e) => e.action)).toEqual(["user.role_changed", "user.disabled"]);
  });

  it("a refused or no-op change records nothing (the entry commits with the change or not at all)", async () => {
    const refused = async (run: () => Promise<unknown>, code: string) => {
      expect(await run()).toMatchObject({ ok: false, code });
    };
    expect(await entriesOf(() => refused(() => updateUserAction({ id: users.admin.id, disabled: true }), "not_allowed"))).toEqual([]);
    expect(await entriesOf(() => refused(() => createUserAction({ email: "sales@audit.test", name: "Dup", role: "sales", password: "a long password" }), "email_taken"))).toEqual([]);
    expect(await entriesOf(() => updateUserAction({ id: users.sales.id, role: "sales" }))).toEqual([]);
  });

  it("API tokens: minted with scopes and expiry, revoked — never the token", async () => {
    let token = "";
    const created = await oneEntry(
      async () => {
        const res = await createApiTokenAction({ name: "Warehouse sync", scopes: ["profiles:read", "export:read"], expiresInDays: 30 });
        token = dataOf<{ token: string }>(res).token;
        return res;
      },
      "token.created",
    );
    expect(token).toMatch(/^tdm_pat_/);
    expect(JSON.stringify(created)).not.toContain(token);
    const row = await t.db.apiToken.findFirstOrThrow({ where: { name: "Warehouse sync" } });
    expect(JSON.stringify(created)).not.toContain(row.tokenHash);
    expect(created).toMatchObject({ target_type: "token", target_id: row.id, target_label: "Warehouse sync", details: { scopes: ["profiles:read", "export:read"], masked: `${row.prefix}…` } });
    expect(new Date(created.details.expiresAt as string).getTime()).toBe(row.expiresAt!.getTime());
    const revoked = await oneEntry(() => revokeApiTokenAction({ id: row.id }), "token.revoked", [token]);
    expect(revoked).toMatchObject({ target_id: row.id, target_label: "Warehouse sync" });
  });

  it("web forms: created", async () => {
    const e = await oneEntry(() => createFormAction({ name: "Contact us", redirectUrl: "https://acme.example/thanks" }), "form.created");
    expect(e).toMatchObject({ target_type: "form", target_label: "Contact us", details: { redirectUrl: "https://acme.example/thanks" } });
  });

  it("sources: created, renamed, disabled, enabled, key rotated, browser access — never a write key", async () => {
    let key = "";
    const created = await oneEntry(
      async () => {
        const res = await createSource({ name: "Shop", kind: "web", allowedOrigins: ["https://shop.example"] });
        key = dataOf<{ writeKey: string }>(res).writeKey;
        return res;
      },
      "source.created",
    );
    const source = await t.db.source.findFirstOrThrow({ where: { name: "Shop" } });
    expect(created).toMatchObject({ target_type: "source", target_id: source.id, target_label: "Shop", details: { kind: "web", allowedOrigins: ["https://shop.example"], rateLimitPerSec: 50 } });
    expect(JSON.stringify(created)).not.toContain(key);
    expect(JSON.stringify(created)).not.toContain(source.writeKeyHash);

    expect((await oneEntry(() => renameSource({ id: source.id, name: "Web shop" }), "source.renamed")).details).toEqual({ name: { from: "Shop", to: "Web shop" } });
    expect(await entriesOf(() => renameSource({ id: source.id, name: "Web shop" }))).toEqual([]);
    await oneEntry(() => setSourceEnabled({ id: source.id, enabled: false }), "source.disabled");
    await oneEntry(() => setSourceEnabled({ id: source.id, enabled: true }), "source.enabled");

    let newKey = "";
    const rotated = await oneEntry(
      async () => {
        const res = await rotateWriteKey({ id: source.id });
        newKey = dataOf<{ writeKey: string }>(res).writeKey;
        return res;
      },
      "source.key_rotated",
      [key],
    );
    expect(JSON.stringify(rotated)).not.toContain(newKey);
    expect(rotated.details).toEqual({ maskedWriteKey: { from: `${key.slice(0, 11)}…`, to: `${newKey.slice(0, 11)}…` } });

    const web = await oneEntry(() => updateWebSettings({ id: source.id, allowedOrigins: ["https://shop.example", "https://m.shop.example"], rateLimitPerSec: null }), "source.web_settings_updated");
    expect(web.details).toEqual({
      allowedOrigins: { from: ["https://shop.example"], to: ["https://shop.example", "https://m.shop.example"] },
      rateLimitPerSec: { from: 50, to: null },
    });
  });

  it("identity rules and lifecycle events: saved (from → to) and reset", async () => {
    const saved = await oneEntry(() => saveIdentityRulesAction({ ...DEFAULT_RULES, defaultLimit: DEFAULT_RULES.defaultLimit + 1, blockedValues: [...DEFAULT_RULES.blockedValues, "n/a"] }), "identity_rules.updated");
    expect(saved).toMatchObject({ target_type: "setting", target_id: "identity_rules", target_label: "Identity resolution rules" });
    expect(saved.details).toEqual({
      defaultLimit: { from: DEFAULT_RULES.defaultLimit, to: DEFAULT_RULES.defaultLimit + 1 },
      blockedValues: { from: DEFAULT_RULES.blockedValues, to: [...DEFAULT_RULES.blockedValues, "n/a"] },
    });
    expect((await oneEntry(() => resetIdentityRulesAction({ confirm: true }), "identity_rules.reset")).details).toMatchObject({ defaultLimit: { to: DEFAULT_RULES.defaultLimit } });
    expect(await entriesOf(() => resetIdentityRulesAction({ confirm: true }))).toEqual([]);

    const lifecycle = { ...DEFAULT_LIFECYCLE, customer: { event: "Contract Signed", revenue: true } };
    const l = await oneEntry(() => saveLifecycleAction(lifecycle), "lifecycle_events.updated");
    expect(l.details).toEqual({ customer: { from: DEFAULT_LIFECYCLE.customer, to: lifecycle.customer } });
    await oneEntry(() => resetLifecycleAction({ confirm: true }), "lifecycle_events.reset");
  });

  it("metric settings and marketing spend: recorded with whoever may change them (leadership, marketing)", async () => {
    session.userId = users.leadership.id;
    try {
      const [m, ...more] = await entriesOf(() =>
        saveMetricSettingsAction({ currency: "EUR", grossMarginPercent: 75, monthlyOverhead: 1000, churnWindowMonths: 6, nrrWindowMonths: 12, realizedMonths: [1, 3, 6, 12] }),
      );
      expect(more).toEqual([]);
      expect(m).toMatchObject({ action: "metric_settings.updated", actor_user_id: users.leadership.id, actor_label: "Leadership Person", peer: PEER, target_id: "metric_settings" });
      expect(m!.details).toEqual({ currency: { from: "USD", to: "EUR" }, grossMargin: { from: 0.8, to: 0.75 }, monthlyOverhead: { from: 0, to: 1000 } });

      session.userId = users.marketing.id;
      const [grid] = await entriesOf(() =>
        saveSpendCells({ cells: [{ month: "2025-01", channel: "Paid Search", source: "google", amount: 100 }, { month: "2025-02", channel: "Email", source: "", amount: 40 }] }),
      );
      expect(grid).toMatchObject({ action: "spend.updated", actor_user_id: users.marketing.id, target_type: "spend", target_label: "2025-01 – 2025-02", details: { via: "grid", created: 2, updated: 0, deleted: 0, months: ["2025-01", "2025-02"] } });
      const [cleared, ...none] = await entriesOf(() => saveSpendCells({ cells: [{ month: "2025-02", channel: "Email", source: "", amount: null }] }));
      expect(none).toEqual([]);
      expect(cleared).toMatchObject({ action: "spend.updated", details: { via: "grid", created: 0, deleted: 1 } });
      const [csv] = await entriesOf(() => importSpend({ csv: "month,channel,source,amount\r\n2025-01,Paid Search,google,120\r\n" }));
      expect(csv).toMatchObject({ action: "spend.updated", details: { via: "csv", created: 0, updated: 1 } });
      expect(await entriesOf(() => importSpend({ csv: "month,channel,source,amount\r\n2025-01,Paid Search,google,120\r\n" }))).toEqual([]);
    } finally {
      session.userId = users.admin.id;
    }
  });

  it("the token API: the token is the actor, from the collector's peer address", async () => {
    const { id, token } = await createApiToken({ name: "Ads sync", scopes: ["spend:write"] }, TEST_ACTOR);
    const [e, ...more] = await entriesOf(() =>
      putSpend(
        new NextRequest("http://t/api/v1/spend", {
          method: "PUT",
          body: JSON.stringify([{ month: "2025-03", channel: "Paid Social", source: "meta", amount: 900 }]),
          headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-tandem-peer": "198.51.100.20", "x-forwarded-for": "192.0.2.1" },
        }),
        { params: Promise.resolve({}) },
      ),
    );
    expect(more).toEqual([]);
    expect(e).toMatchObject({ action: "spend.updated", actor_user_id: null, actor_token_id: id, actor_label: "API token “Ads sync”", peer: "198.51.100.20", details: { via: "api", created: 1 } });
    expect(JSON.stringify(e)).not.toContain(token);
  });

  it("an action and its entry commit together: when the entry cannot be written, the action is undone", async () => {
    const broken = { userId: null, tokenId: null, label: null as unknown as string, peer: null };
    await expect(createApiToken({ name: "Never minted", scopes: ["profiles:read"] }, broken)).rejects.toThrow();
    expect(await t.db.apiToken.count({ where: { name: "Never minted" } })).toBe(0);
  });

  it("refuses details named like a secret, so a careless caller fails loudly instead of logging one", async () => {
    await expect(t.db.$transaction((tx) => recordAudit(prismaSql(tx), CLI_ACTOR, { action: "token.created", details: { token: "tdm_pat_x" } }))).rejects.toThrow(/secret/);
    await expect(t.db.$transaction((tx) => recordAudit(prismaSql(tx), CLI_ACTOR, { action: "user.created", details: { nested: [{ password: "x" }] } }))).rejects.toThrow(/details\.nested\[0\]\.password/);
  });
});

describe("the CLIs", () => {
  const run = promisify(execFile);
  const cli = (script: string, args: string[]) =>
    run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", script, ...args], {
      env: { ...process.env, DATABASE_URL: t.url, TANDEM_NEW_PASSWORD: "a long password from the shell", CHECKPOINT_DISABLE: "1" },
    });

  it("npm run user / npm run token record the actor \"CLI\", with no user and no address", async () => {
    const entries = await entriesOf(async () => {
      await cli("scripts/user.ts", ["add", "ops@audit.test", "success", "--name", "Ops Person"]);
      await cli("scripts/user.ts", ["role", "ops@audit.test", "admin"]);
      await cli("scripts/user.ts", ["password", "ops@audit.test"]);
      const out = await cli("scripts/token.ts", ["create", "--name", "Nightly export", "--scopes", "export:read"]);
      const minted = out.stdout.trim().split("\n").pop()!;
      expect(minted).toMatch(/^tdm_pat_/);
      const all = await t.db.$queryRaw<{ details: unknown }[]>`SELECT details FROM audit_log`;
      expect(JSON.stringify(all)).not.toContain(minted);
    });
    expect(entries.map((e) => [e.action, e.target_label])).toEqual([
      ["user.created", "ops@audit.test"],
      ["user.role_changed", "ops@audit.test"],
      ["user.password_changed", "ops@audit.test"],
      ["token.created", "Nightly export"],
    ]);
    for (const e of entries) expect(e).toMatchObject({ actor_user_id: null, actor_token_id: null, actor_label: "CLI", peer: null });
    expect(JSON.stringify(entries)).not.toContain("a long password from the shell");
    expect(entries[3]!.details).toMatchObject({ scopes: ["export:read"] });
  }, 90_000);
});

describe("the list", () => {
  // A log of its own: 7 entries a day for 5 days by three actors, in a fresh table state.
  const day = (d: number, h: number) => new Date(Date.UTC(2026, 0, 10 + d, h));
  let all: AuditEntryRow[] = [];

  beforeAll(async () => {
    await t.db.$executeRawUnsafe(`TRUNCATE audit_log`);
    const ada = userActor(users.admin, "192.0.2.10");
    const sys = systemActor("Demo setup");
    await t.db.$transaction(async (tx) => {
      for (let d = 0; d < 5; d++) {
        for (let h = 0; h < 7; h++) {
          const actor = h % 3 === 0 ? sys : h % 3 === 1 ? ada : CLI_ACTOR;
          await recordAudit(prismaSql(tx), actor, { action: h % 2 ? "user.created" : "source.renamed", at: day(d, h), target: { type: "user", id: `u${d}-${h}`, label: `=cmd${d}-${h}` } });
        }
      }
      // Two entries at the very same instant: paging must still give each once.
      await recordAudit(prismaSql(tx), ada, { action: "token.revoked", at: day(2, 3) });
      await recordAudit(prismaSql(tx), ada, { action: "token.revoked", at: day(2, 3) });
    });
    all = (await listAuditEntries(NO_FILTER, { limit: 1000 })).rows;
  });

  const keys = (rows: AuditEntryRow[]) => rows.map((r) => r.id);

  it("is newest first, ties broken by insertion order", () => {
    expect(all).toHaveLength(37);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.at.getTime() > b.at.getTime() || (a.at.getTime() === b.at.getTime() && BigInt(a.seq) > BigInt(b.seq))).toBe(true);
    }
  });

  it("pages by keyset older and back newer, every entry once", async () => {
    const seen: string[] = [];
    const pages: string[][] = [];
    let before = null as ReturnType<typeof parseCursor>;
    for (;;) {
      const page = await listAuditEntries(NO_FILTER, { before, limit: 5 });
      pages.push(keys(page.rows));
      seen.push(...keys(page.rows));
      if (pages.length > 1) expect(page.newer).not.toBeNull();
      if (!page.older) break;
      before = parseCursor(page.older);
    }
    expect(seen).toEqual(keys(all));
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 5, 5, 5, 2]);
    // Back from the third page to the second, and from the second to the first (no newer beyond).
    const third = await listAuditEntries(NO_FILTER, { before: parseCursor(`${all[9]!.at.getTime()}.${all[9]!.seq}`), limit: 5 });
    expect(keys(third.rows)).toEqual(pages[2]);
    const second = await listAuditEntries(NO_FILTER, { after: parseCursor(third.newer), limit: 5 });
    expect(keys(second.rows)).toEqual(pages[1]);
    const first = await listAuditEntries(NO_FILTER, { after: parseCursor(second.newer), limit: 5 });
    expect(keys(first.rows)).toEqual(pages[0]);
    expect(first.newer).toBeNull();
  });

  it.each<[string, Partial<AuditFilter>, (e: AuditEntryRow) => boolean]>([
    ["a user", { actor: "user:" }, (e) => e.actorUserId !== null],
    ["the CLI", { actor: "label:CLI" }, (e) => e.actorLabel === "CLI" && e.actorUserId === null],
    ["an action", { action: "user.created" }, (e) => e.action === "user.created"],
    ["a date range (UTC days, inclusive)", { from: "2026-01-11", to: "2026-01-12" }, (e) => e.at >= day(1, 0) && e.at < day(3, 0)],
    ["all at once", { actor: "label:Demo setup", action: "source.renamed", from: "2026-01-13" }, (e) => e.actorLabel === "Demo setup" && e.action === "source.renamed" && e.at >= day(3, 0)],
  ])("filters by %s", async (_name, partial, keep) => {
    const filter = { ...NO_FILTER, ...partial, actor: partial.actor === "user:" ? `user:${users.admin.id}` : (partial.actor ?? null) };
    const expected = all.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(keys((await listAuditEntries(filter, { limit: 1000 })).rows)).toEqual(keys(expected));
    // And paged in threes, the same entries in the same order.
    const paged: string[] = [];
    for await (const batch of auditBatches(filter, 3)) paged.push(...keys(batch));
    expect(paged).toEqual(keys(expected));
  });

  it("lists each actor once for the filter, users by their current name", async () => {
    expect(await listAuditActors()).toEqual([
      { key: `user:${users.admin.id}`, label: "Admin Person" },
      { key: "label:CLI", label: "CLI" },
      { key: "label:Demo setup", label: "Demo setup" },
    ]);
  });

  it("exports the filtered log as CSV, every row, formulas defused", async () => {
    const res = auditExportResponse({ ...NO_FILTER, action: "user.created" }, new Date("2026-02-01T00:00:00Z"), 4);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tandem-audit-log-2026-02-01.csv"');
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["at", "actor", "actor_user_id", "actor_token_id", "action", "action_label", "target_type", "target_id", "target", "details", "peer_address"]);
    const expected = all.filter((e) => e.action === "user.created");
    expect(rows.slice(1).map((r) => r[7])).toEqual(expected.map((e) => e.targetId));
    const first = rows[1]!;
    expect(first[0]).toBe(expected[0]!.at.toISOString());
    expect(first[4]).toBe("user.created");
    expect(first[5]).toBe("User created");
    expect(first[8]).toBe(`'${expected[0]!.targetLabel}`);
    expect(JSON.parse(first[9]!)).toEqual({});
  });

  it("the export route answers admins only, and 400 for a filter that is not one", async () => {
    const get = (url: string) => exportAudit(new NextRequest(`http://t${url}`), { params: Promise.resolve({}) });
    for (const role of ROLES) {
      session.userId = users[role].id;
      const res = await get("/settings/audit/export?action=token.revoked");
      if (role === "admin") {
        expect(res.status).toBe(200);
        expect(parseCsv((await res.text()).replace(/^\uFEFF/, "")).length).toBe(3);
      } else {
        expect(res.status, role).toBe(403);
        expect((await res.json()).error.code).toBe("forbidden");
      }
    }
    session.userId = null;
    expect((await get("/settings/audit/export")).status).toBe(401);
    session.userId = users.admin.id;
    const bad = await get("/settings/audit/export?from=yesterday");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_filter", message: expect.stringMatching(/YYYY-MM-DD/) } });
  });
});
