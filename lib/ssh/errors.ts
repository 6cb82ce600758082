export type SshErrorCode =
  | 'unreachable'
  | 'timeout'
  | 'host-key-mismatch'
  | 'host-key-unpinned'
  | 'auth-failed'
  | 'key-invalid'
  | 'sudo-needs-password'
  | 'aborted'
  | 'disconnected'
  | 'exec-failed'
  | 'output-too-large';

/** What a failed SSH step knows, for the operation log and the UI. Never holds secrets. */
export interface SshErrorDetails {
  /** `user@address:port`, never with credentials. */
  readonly target?: string;
  readonly expectedFingerprint?: string;
  readonly presentedFingerprint?: string;
  readonly presentedKeyType?: string;
  readonly exitCode?: number | null;
  readonly stdoutTail?: string;
  readonly stderrTail?: string;
}

/**
 * The only error the SSH layer throws for expected failures: a stable `code` for the
 * domain to branch on, a `message` a DBA can read, and a one-line `hint` on what to do.
 * Messages are built here from known parts; secrets never reach them.
 */
export class SshError extends Error {
  readonly code: SshErrorCode;
  readonly hint: string;
  readonly details: SshErrorDetails;

  constructor(code: SshErrorCode, message: string, hint: string, details: SshErrorDetails = {}) {
    super(message);
    this.name = 'SshError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }

  /** The connection dropped while a command ran: its outcome is unknown (see isConnectionLost). */
  get connectionLost(): boolean {
    return this.code === 'disconnected';
  }
}

/** True for an {@link SshError}, optionally of one of the given codes. */
export function isSshError(value: unknown, ...codes: SshErrorCode[]): value is SshError {
  // By name, not instanceof: Next bundles this module more than once, and an error made
  // by one copy must be recognised by another.
  if (!(value instanceof Error) || value.name !== 'SshError' || !('code' in value) || !('hint' in value)) return false;
  return codes.length === 0 || codes.includes(value.code as SshErrorCode);
}

interface Ssh2ErrorShape {
  readonly message: string;
  readonly level?: string;
  readonly code?: string;
}

function asShape(error: unknown): Ssh2ErrorShape {
  if (error instanceof Error) {
    const extra = error as Error & { level?: unknown; code?: unknown };
    return {
      message: error.message,
      level: typeof extra.level === 'string' ? extra.level : undefined,
      code: typeof extra.code === 'string' ? extra.code : undefined,
    };
  }
  return { message: String(error) };
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);

/**
 * Turns what ssh2 or the socket reported while connecting into an {@link SshError}.
 * Host-key outcomes are decided by the verifier, not here; this covers the rest.
 */
export function connectError(error: unknown, target: string, timeoutMs: number): SshError {
  if (isSshError(error)) return error;
  const shape = asShape(error);
  if (shape.level === 'client-authentication') {
    return new SshError('auth-failed', `SSH login to ${target} was refused: the user name or its key or password was not accepted.`,
      'Check the user name and credential, and that the public key is in that user’s ~/.ssh/authorized_keys.', { target });
  }
  if (shape.level === 'client-timeout' || shape.code === 'ETIMEDOUT') {
    return new SshError('timeout', `No SSH answer from ${target} within ${Math.round(timeoutMs / 1000)} s.`,
      'Check that the host is up and that no firewall drops traffic to its SSH port.', { target });
  }
  if (shape.code === 'ECONNREFUSED') {
    return new SshError('unreachable', `${target} refused the connection: nothing listens on that SSH port.`,
      'Check the port and that sshd is running on the host.', { target });
  }
  if (shape.level === 'client-dns' || shape.code === 'ENOTFOUND' || shape.code === 'EAI_AGAIN') {
    return new SshError('unreachable', `The address of ${target} could not be resolved.`, 'Check the host name or use an IP address.', { target });
  }
  if (shape.code !== undefined && UNREACHABLE_CODES.has(shape.code)) {
    return new SshError('unreachable', `${target} cannot be reached (${shape.code}).`,
      'Check the address, the network path and that the host is up.', { target });
  }
  if (/cannot parse privatekey|private key|passphrase/i.test(shape.message)) {
    return new SshError('key-invalid', `The SSH private key for ${target} could not be used.`,
      'Paste the private key again and enter its passphrase if it has one.', { target });
  }
  return new SshError('unreachable', `SSH connection to ${target} failed: ${shape.message}`,
    'Check the address and port and that the host runs an SSH server.', { target });
}
