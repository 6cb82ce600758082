import 'server-only';
import type { DiscoveryOutcome } from '@/lib/discovery/discover-host';
import type { HostFacts } from '@/lib/discovery/facts';
import { decodeHostFacts } from '@/lib/discovery/facts-schema';
import { toStoredJson } from './json';
import { db } from './client';

/**
 * Records the host's latest check. Facts are replaced only by a check that produced
 * some, so a failed check leaves the last known facts (and their time) in place.
 */
export async function saveDiscovery(hostId: number, outcome: DiscoveryOutcome): Promise<void> {
  const now = new Date();
  const facts = outcome.facts ? { facts: toStoredJson(outcome.facts), factsAt: now } : {};
  const data = {
    checkedAt: now,
    durationMs: outcome.durationMs,
    ok: outcome.ok,
    errorCode: outcome.ok ? null : outcome.code,
    error: outcome.ok ? null : outcome.message,
    hint: outcome.ok ? null : outcome.hint,
    presentedFingerprint: outcome.ok ? null : (outcome.presentedFingerprint ?? null),
    presentedKeyType: outcome.ok ? null : (outcome.presentedKeyType ?? null),
    ...facts,
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
  factsAt: Date | null;
}

export async function loadDiscovery(hostId: number): Promise<StoredDiscovery | null> {
  const row = await (await db()).hostDiscovery.findUnique({
    where: { hostId },
    select: { checkedAt: true, durationMs: true, ok: true, errorCode: true, error: true, hint: true, presentedFingerprint: true, presentedKeyType: true, facts: true, factsAt: true },
  });
  return row ? { ...row, facts: decodeHostFacts(row.facts) } : null;
}
