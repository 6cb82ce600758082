import type { WalSender } from '@/lib/members/status';

/**
 * The walsender row of a member: by application_name (what Tandem configures), else by
 * client address (`host(client_addr)`, never the `/32` text form). Null when there is none.
 */
export function findWalSender(rows: readonly WalSender[], member: { applicationName: string; address: string }): WalSender | null {
  return rows.find((row) => row.applicationName === member.applicationName)
    ?? rows.find((row) => row.clientAddr !== null && row.clientAddr === member.address)
    ?? null;
}

/** `df -B1 --output=avail` output → free bytes; null when unreadable. */
export function parseDfAvail(stdout: string): number | null {
  const lines = stdout.trim().split('\n');
  const value = lines[lines.length - 1]?.trim() ?? '';
  return /^\d+$/.test(value) ? Number(value) : null;
}
