// API tokens: created with a random secret shown once, stored as a SHA-256 hash. Minting and revoking
// are audited (scopes, expiry, the masked prefix admins see — never the token).
import { db } from "../db/prisma";
import { generateSecret, hashSecret, maskSecret } from "../auth/secrets";
import type { TokenScope } from "../auth/api-tokens";
import type { AuditActor } from "../audit/actions";
import { recordAudit } from "./audit";
import { prismaSql } from "./sql";

export interface TokenSummary {
  id: string;
  name: string;
  masked: string;
  scopes: string[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Mints a token (the secret is returned once, stored hashed) and audits it with its scopes and expiry. */
export async function createApiToken(
  input: { name: string; scopes: TokenScope[]; createdById?: string | null; expiresAt?: Date | null },
  actor: AuditActor,
): Promise<{ id: string; token: string; prefix: string }> {
  const secret = generateSecret("pat");
  const scopes = [...new Set(input.scopes)];
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name.trim(),
        tokenHash: secret.hash,
        prefix: secret.prefix,
        scopes,
        createdById: input.createdById ?? null,
        expiresAt: input.expiresAt ?? null,
      },
      select: { id: true, name: true },
    });
    await recordAudit(prismaSql(tx), actor, {
      action: "token.created",
      target: { type: "token", id: created.id, label: created.name },
      details: { scopes, expiresAt: input.expiresAt?.toISOString() ?? null, masked: maskSecret(secret.prefix) },
    });
    return created;
  });
  return { id: row.id, token: secret.value, prefix: secret.prefix };
}

export async function listApiTokens(): Promise<TokenSummary[]> {
  const rows = await db().apiToken.findMany({
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true, createdBy: { select: { email: true } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(({ prefix, createdBy, ...r }) => ({ ...r, masked: maskSecret(prefix), createdBy: createdBy?.email ?? null }));
}

/** Revokes by id or by the token's visible prefix, each revocation audited; returns how many were revoked. */
export async function revokeApiToken(idOrPrefix: string, now: Date, actor: AuditActor): Promise<number> {
  return db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateManyAndReturn({
      where: { OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }], revokedAt: null },
      data: { revokedAt: now },
      select: { id: true, name: true, prefix: true },
    });
    for (const t of revoked) {
      await recordAudit(prismaSql(tx), actor, { action: "token.revoked", target: { type: "token", id: t.id, label: t.name }, details: { masked: maskSecret(t.prefix) } });
    }
    return revoked.length;
  });
}

/** The stored token for a presented secret (any state), recording its use at most once a minute. */
export async function findApiToken(token: string, now: Date) {
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, name: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (row && !row.revokedAt && (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row;
}
