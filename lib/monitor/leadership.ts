import 'server-only';
import pg from 'pg';

/** The advisory lock key every Tandem instance on one database competes for ("tandem-poller"). */
export const POLLER_LOCK_KEY = 7_463_300_501;
/** The lock of the instance that starts scheduled backups and restore drills. */
export const BACKUP_SCHEDULER_LOCK_KEY = 7_463_300_502;

export interface Leadership {
  /** True when this process polls; tries to become leader when it is not. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** PGlite is one process's own database: that process always polls. */
export const soleLeadership: Leadership = { acquire: async () => true, release: async () => undefined };

/**
 * Leadership on a PostgreSQL app database: a session advisory lock held on a dedicated
 * connection. When the leader dies its session ends and the lock frees, so another
 * instance's next `acquire` takes over. A broken connection loses leadership at once.
 */
export function advisoryLeadership(connectionString: string, log: Pick<Console, 'warn'> = console, key = POLLER_LOCK_KEY, name = 'poller'): Leadership {
  let client: pg.Client | null = null;
  let leader = false;
  const reset = () => {
    const old = client;
    client = null;
    leader = false;
    void old?.end().catch(() => undefined);
  };
  return {
    async acquire() {
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString, application_name: `tandem-${name}-lock`, connectionTimeoutMillis: 5_000 });
          fresh.on('error', () => {
            if (client === fresh) reset();
          });
          await fresh.connect();
          client = fresh;
        }
        if (leader) {
          await client.query('SELECT 1');
          return true;
        }
        const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        leader = result.rows[0]?.locked === true;
        return leader;
      } catch (error: unknown) {
        log.warn(`[tandem] ${name} leadership check failed: ${error instanceof Error ? error.message : String(error)}`);
        reset();
        return false;
      }
    },
    async release() {
      const held = client;
      if (held && leader) await held.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
      reset();
    },
  };
}
