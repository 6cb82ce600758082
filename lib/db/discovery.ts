import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { DiscoveryOutcome } from '@/lib/discovery/discover-host';
import type { HostFacts } from '@/lib/discovery/facts';
import { db } from './client';

/** Replaces the host's last discovery with `outcome`. */
export async function saveDiscovery(hostId: number, outcome: DiscoveryOutcome): Promise<void> {
  const facts = outcome.facts === undefined ? undefined : (outcome.facts as unknown as Prisma.InputJsonValue);
  const data = {
    checkedAt: new Date(),
    durationMs: outcome.durationMs,
    ok: outcome.ok,
    errorCode: outcome.ok ? null : outcome.code,
    error: outcome.ok ? null : outcome.message,
    hint: outcome.ok ? null : outcome.hint,
    presentedFingerprint: outcome.ok ? null : (outcome.presentedFingerprint ?? null),
    presentedKeyType: outcome.ok ? null : (outcome.presentedKeyType ?? null),
    facts: facts ?? Prisma.DbNull,
  };
  await (await db()).hostDiscovery.upsert({ where: { hostId }, create: { hostId, ...data }, update: data, select: { hostId: true } });
}

export interface StoredDiscovery {
  checkedAt: Date;
  durationMs: number;
  ok: boolean;
  errorCode: string | null;
  error: string | null;
  hint: string | null;
  presentedFingerprint: string | null;
  presentedKeyType: string | null;
  facts: HostFacts | null;
}

export async function loadDiscovery(hostId: number): Promise<StoredDiscovery | null> {
  const row = await (await db()).hostDiscovery.findUnique({
    where: { hostId },
    select: { checkedAt: true, durationMs: true, ok: true, errorCode: true, error: true, hint: true, presentedFingerprint: true, presentedKeyType: true, facts: true },
  });
  return row ? { ...row, facts: (row.facts as unknown as HostFacts | null) ?? null } : null;
}
