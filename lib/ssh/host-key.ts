import 'server-only';
import { createHash } from 'node:crypto';
import { Client } from 'ssh2';
import { SSH_ALGORITHMS } from './algorithms';
import { connectError, SshError } from './errors';

export interface HostKeyInfo {
  /** `SHA256:<base64 without padding>`, the form `ssh-keygen -lf` prints. */
  readonly fingerprint: string;
  /** The key's algorithm name as in the key blob, e.g. `ssh-ed25519`. */
  readonly keyType: string;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** True for a fingerprint in the `SHA256:…` form this layer stores and compares. */
export function isFingerprint(value: string): boolean {
  return FINGERPRINT.test(value);
}

/** Describes a raw SSH public-key blob (as ssh2's hostVerifier hands it over). */
export function describeHostKey(blob: Buffer): HostKeyInfo {
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const keyType = length > 0 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
  return { fingerprint, keyType };
}

/** Compares two fingerprints as OpenSSH prints them; tolerates only trailing base64 padding. */
export function sameFingerprint(a: string, b: string): boolean {
  return a.trim().replace(/=+$/, '') === b.trim().replace(/=+$/, '');
}

/** The error for a presented host key that differs from the pin; names both fingerprints. */
export function hostKeyMismatchError(target: string, expected: string, presented: HostKeyInfo): SshError {
  return new SshError(
    'host-key-mismatch',
    `The host key of ${target} has changed: expected ${expected}, but the server presented ${presented.fingerprint} (${presented.keyType}).`,
    'If the host was reinstalled or its keys regenerated on purpose, compare the new fingerprint on the host ' +
      '(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and accept it; otherwise do not connect — someone may be intercepting.',
    { target, expectedFingerprint: expected, presentedFingerprint: presented.fingerprint, presentedKeyType: presented.keyType },
  );
}

/** The error for a host whose key was never accepted; carries the presented fingerprint for the UI. */
export function hostKeyUnpinnedError(target: string, presented: HostKeyInfo): SshError {
  return new SshError(
    'host-key-unpinned',
    `The host key of ${target} has not been accepted yet; the server presents ${presented.fingerprint} (${presented.keyType}).`,
    'Compare this fingerprint with the one on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and accept it first.',
    { target, presentedFingerprint: presented.fingerprint, presentedKeyType: presented.keyType },
  );
}

/**
 * Connects only as far as the key exchange to read the server's host key, then hangs up
 * before any authentication, so the UI can show the fingerprint for a human to accept.
 * Nothing is accepted or stored here.
 */
export function fetchHostKey(address: string, port: number, options: { timeoutMs: number }): Promise<HostKeyInfo> {
  const target = `${address}:${port}`;
  return new Promise<HostKeyInfo>((resolve, reject) => {
    const client = new Client();
    let seen: HostKeyInfo | null = null;
    let settled = false;
    const finish = (outcome: HostKeyInfo | SshError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeAllListeners('ready');
      client.on('error', () => undefined);
      client.end();
      if (outcome instanceof SshError) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(connectError(Object.assign(new Error('timeout'), { level: 'client-timeout' }), target, options.timeoutMs)), options.timeoutMs);
    client.on('error', (error: unknown) => finish(seen ?? connectError(error, target, options.timeoutMs)));
    client.on('close', () => finish(seen ?? connectError(new Error('the server closed the connection before showing a host key'), target, options.timeoutMs)));
    client.on('ready', () => finish(seen ?? connectError(new Error('no host key seen'), target, options.timeoutMs)));
    client.connect({
      host: address,
      port,
      username: 'tandem-host-key-probe',
      readyTimeout: options.timeoutMs,
      algorithms: SSH_ALGORITHMS,
      authHandler: () => false,
      hostVerifier: (key: Buffer): boolean => {
        seen = describeHostKey(key);
        return false;
      },
    });
  });
}
