import { expect } from 'vitest';
import { assertLabAddress, labHost, labUser, readLabPrivateKey, readLabState, type LabHost, type LabState } from '../../../lab/client';
import { SshError } from '../errors';
import type { SshAuth, SshTarget } from '../target';

/** Lab hosts as SSH targets, for the `*.lab.test.ts` files; every address is checked against the lab first. */
export class LabTargets {
  state: LabState;
  readonly privateKey: string;

  constructor() {
    this.state = readLabState();
    this.privateKey = readLabPrivateKey(this.state);
  }

  refresh(): void {
    this.state = readLabState();
  }

  host(name: string): LabHost {
    const found = labHost(name, this.state);
    assertLabAddress(found.address, this.state);
    return found;
  }

  target(name: string, username = 'root', auth?: SshAuth, pinned?: string | null): SshTarget {
    const lab = this.host(name);
    return {
      address: lab.address, port: lab.sshPort, username,
      auth: auth ?? { kind: 'key', privateKey: this.privateKey },
      pinnedHostKey: pinned === undefined ? lab.currentHostKeyFingerprint : pinned,
      connectTimeoutMs: 5_000,
    };
  }

  user(name: string, user: 'tdmlab' | 'tdmlabpw'): SshTarget {
    return this.target(name, user, { kind: 'password', password: labUser(user, this.state).password });
  }
}

/** Awaits a promise that must reject with an SshError, and returns that error. */
export async function sshError(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SshError);
  return error as SshError;
}
