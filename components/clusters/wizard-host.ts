import type { StoredDiscovery } from '@/lib/db/discovery';

/** A host as the wizard lists it: no secrets, a one-line summary of its last check. */
export interface WizardHost {
  id: number;
  name: string;
  address: string;
  summary: string;
}

export function wizardHost(host: { id: number; name: string; sshAddress: string; hostKeyFingerprint: string | null }, discovery: StoredDiscovery | null): WizardHost {
  const cluster = discovery?.facts?.cluster;
  const state = cluster ? `PostgreSQL ${cluster.version} ${cluster.running ? (cluster.inRecovery ? 'standby' : 'running') : 'stopped'}` : 'not discovered yet';
  const key = host.hostKeyFingerprint ? '' : ' · host key not accepted';
  return { id: host.id, name: host.name, address: host.sshAddress, summary: `${state}${key}` };
}
