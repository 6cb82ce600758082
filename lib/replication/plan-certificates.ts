import { sql } from '@/lib/pg/sql';
import { certificateStep, tlsSettingChanges } from './plan-primary';
import type { Check, PlannedStep } from './plan-types';
import { liveCheck } from './setting-sql';

export interface CertificateMember {
  readonly name: string;
  readonly address: string;
}

/**
 * Renews every member's certificate from Tandem's CA: a new key made on the member, a
 * certificate for its address, then a reload so PostgreSQL serves it (existing sessions
 * keep theirs; new ones, replication reconnects included, get the new one). Always runs
 * (a renewal asked for is done even when the certificate is not yet due), and re-running
 * it only renews again.
 */
export function certificateRenewalSteps(clusterName: string, members: readonly CertificateMember[]): PlannedStep[] {
  return members.map((member): PlannedStep => {
    const issued = certificateStep(`renew-${member.name}`, member, 'replica', clusterName);
    const sslLive = liveCheck(member.name, tlsSettingChanges(clusterName));
    const verify: Check = { kind: 'all', of: [issued.verify, sslLive] };
    return {
      ...issued,
      title: `Renew ${member.name}'s TLS certificate`,
      check: { kind: 'never', reason: 'a renewal makes a new key and certificate each time it is asked for' },
      actions: [...issued.actions, { kind: 'sql', host: member.name, sql: sql`SELECT pg_reload_conf();`, params: {} }],
      verify,
    };
  });
}
