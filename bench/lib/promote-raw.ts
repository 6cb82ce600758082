/** Promotes made outside Tandem, as a DBA would type them over SSH, timed from the stop of the old primary to one committed write. */
import { typed, typedAsPostgres } from './typed';

/** Fast stop of the old primary, `promote` on the candidate, one write as `writer`; elapsed seconds. */
export async function timeOutsidePromote(oldPrimary: string, candidate: string, writer: string, promote: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await typed(oldPrimary, 'pg_ctlcluster 15 main stop -m fast');
  await promote();
  await typedAsPostgres(candidate, `psql -XAtq -v ON_ERROR_STOP=1 -c "INSERT INTO tandem.canary (writer, token, written_at) VALUES ('${writer}', 'x', now()) ON CONFLICT (writer) DO UPDATE SET written_at = now()"`);
  return (performance.now() - start) / 1000;
}

/** The raw promote: `SELECT pg_promote()` on the candidate. */
export function rawPromote(oldPrimary: string, candidate: string): Promise<number> {
  return timeOutsidePromote(oldPrimary, candidate, 'raw', () => typedAsPostgres(candidate, "psql -XAtq -v ON_ERROR_STOP=1 -c 'SELECT pg_promote()'"));
}
