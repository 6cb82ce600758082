import 'server-only';
import { ensureMonitorSecret, loadMonitoredMembers, markMonitoringEnabled, monitoringEnabled } from '@/lib/db/monitor-clusters';
import { describePgTarget, withManagedClient } from '@/lib/pg/managed-client';
import { sql } from '@/lib/pg/sql';
import { StepFailure, type Step } from '@/lib/replication/engine';
import { MONITOR_ROLE } from '@/lib/replication/plan-monitoring';
import { passwordVerifier } from '@/lib/replication/password';

const LOGIN_SQL = sql`SELECT current_user AS who, pg_has_role(current_user, 'pg_monitor', 'MEMBER') AS monitor, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`;
const LOGIN_TIMEOUT_MS = 10_000;

/** The monitoring password's SCRAM verifier, the password generated and stored on first use. */
export async function monitorVerifier(clusterId: number): Promise<{ password: string; verifier: string }> {
  const password = await ensureMonitorSecret(clusterId);
  return { password, verifier: passwordVerifier('scram-sha-256', MONITOR_ROLE, password) };
}

async function loginProblems(clusterId: number, log: (line: string) => void): Promise<string[]> {
  const members = await loadMonitoredMembers(clusterId, await ensureMonitorSecret(clusterId));
  const problems: string[] = [];
  for (const member of members) {
    const target = { ...member.target, connectTimeoutMs: LOGIN_TIMEOUT_MS, statementTimeoutMs: LOGIN_TIMEOUT_MS };
    try {
      const row = await withManagedClient(target, async (client) => (await client.query<{ who: string; monitor: boolean; superuser: boolean }>(LOGIN_SQL)).rows[0]);
      log(`${describePgTarget(target)}: logged in as ${row?.who ?? '?'}, pg_monitor ${row?.monitor ? 'yes' : 'no'}, superuser ${row?.superuser ? 'yes' : 'no'}`);
      if (!row?.monitor || row.superuser) problems.push(`${member.name}: ${MONITOR_ROLE} is not a plain pg_monitor member`);
    } catch (error: unknown) {
      problems.push(`${member.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

/**
 * Tandem itself logs in as the monitoring role on every member (directly or through the
 * SSH tunnel, as the poller will), then records the role on the cluster so the poller
 * starts. Holds already when the role is recorded and every login works.
 */
export function monitoringLoginStep(clusterId: number): Step {
  let problems: string[] = [];
  return {
    name: `Log in as ${MONITOR_ROLE} from Tandem on every member and start polling`,
    host: null,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`${LOGIN_SQL};   -- as ${MONITOR_ROLE}, database postgres, from Tandem on each member`, '(Tandem inventory) cluster monitoring role: tandem_monitor'] }),
    check: async (ctx) => (await monitoringEnabled(clusterId)) && (await loginProblems(clusterId, (line) => ctx.log(line))).length === 0,
    async run(ctx) {
      ctx.record(`${LOGIN_SQL};   -- as ${MONITOR_ROLE} from Tandem on each member`);
      problems = await loginProblems(clusterId, (line) => ctx.log(line));
      if (problems.length === 0) await markMonitoringEnabled(clusterId);
    },
    async verify() {
      if (problems.length > 0) throw new StepFailure(`Tandem could not log in as ${MONITOR_ROLE}: ${problems.join('; ')}`);
      if (!(await monitoringEnabled(clusterId))) throw new StepFailure('The monitoring role was not recorded on the cluster.');
      return `Tandem logs in as ${MONITOR_ROLE} on every member; polling starts.`;
    },
  };
}
