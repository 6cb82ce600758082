/**
 * repmgr's promote, on the cluster Tandem set up: repmgr metadata beside it (prepareRepmgr
 * plus `standby register`), then timed as the raw variant is: fast stop of the old primary,
 * `repmgr standby promote` on the candidate (it proves the old primary gone, promotes and
 * polls until the candidate is out of recovery), one write. The old primary, rejoined by
 * Tandem afterwards, is registered again as a standby so repmgr's metadata follows.
 */
import { prepareRepmgr, repmgr } from './repmgr';
import { timeOutsidePromote } from './promote-raw';

export async function prepareRepmgrPromote(primary: string, standby: string): Promise<void> {
  await prepareRepmgr(primary, [primary, standby]);
  await repmgr(standby, 'standby register');
}

export function repmgrPromote(oldPrimary: string, candidate: string): Promise<number> {
  return timeOutsidePromote(oldPrimary, candidate, 'repmgr', () => repmgr(candidate, 'standby promote'));
}

/** After the old primary rejoined as a standby: repmgr records it as one again. */
export function repmgrRegisterStandby(host: string): Promise<string> {
  return repmgr(host, 'standby register --force');
}
