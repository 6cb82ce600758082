/** The raw promote a DBA would type: fast stop of the old primary, `SELECT pg_promote()`, one write, each over SSH. */
import { typed, typedAsPostgres } from './typed';

export async function rawPromote(oldPrimary: string, candidate: string): Promise<number> {
  const start = performance.now();
  await typed(oldPrimary, 'pg_ctlcluster 15 main stop -m fast');
  await typedAsPostgres(candidate, "psql -XAtq -v ON_ERROR_STOP=1 -c 'SELECT pg_promote()'");
  await typedAsPostgres(candidate, "psql -XAtq -v ON_ERROR_STOP=1 -c \"INSERT INTO tandem.canary (writer, token, written_at) VALUES ('raw', 'x', now()) ON CONFLICT (writer) DO UPDATE SET written_at = now()\"");
  return (performance.now() - start) / 1000;
}
