import 'server-only';

export { sh, shellQuote, asArgument, isShellCommand, type ShellCommand, type ShellValue } from './shell';
export { checkPrivateKey, type PrivateKeyCheck } from './private-key';
export { SshError, isSshError, type SshErrorCode, type SshErrorDetails } from './errors';
export { fetchHostKey, describeHostKey, isFingerprint, sameFingerprint, type HostKeyInfo } from './host-key';
export { describeTarget, type SshAuth, type SshTarget } from './target';
export { type ExecOptions, type ExecResult, DEFAULT_EXEC_TIMEOUT_MS } from './exec';
export { type RunAs } from './run-as';
export { SshSession } from './session';
export { SshPool, getSshPool, type SshPoolOptions } from './pool';
