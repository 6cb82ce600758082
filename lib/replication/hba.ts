import { sh, type ShellCommand } from '@/lib/ssh/shell';
import { hostCidr, isClusterName } from './names';
import type { PasswordMethod } from './setup-types';

/** One pg_hba rule letting the replication role in from one address. */
export interface HbaRule {
  readonly tls: boolean;
  readonly role: string;
  readonly address: string;
  readonly method: PasswordMethod;
}

const MARKER = /^tandem(-monitor)?:[a-z0-9][a-z0-9_-]{0,39}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The trailing comment that marks a cluster's lines as Tandem's: `tandem:<cluster>`. */
export function hbaMarker(clusterName: string): string {
  if (!isClusterName(clusterName)) throw new TypeError(`Invalid cluster name ${JSON.stringify(clusterName.slice(0, 60))}`);
  return `tandem:${clusterName}`;
}

/** The marker of a cluster's monitoring lines (`tandem-monitor:<cluster>`), kept apart from its replication lines. */
export function monitorHbaMarker(clusterName: string): string {
  if (!isClusterName(clusterName)) throw new TypeError(`Invalid cluster name ${JSON.stringify(clusterName.slice(0, 60))}`);
  return `tandem-monitor:${clusterName}`;
}

/** `hostssl  replication  replicator  10.88.0.12/32  scram-sha-256  # tandem:orders` */
export function formatHbaLine(rule: HbaRule, marker: string): string {
  return [rule.tls ? 'hostssl' : 'host', 'replication', rule.role, hostCidr(rule.address), rule.method, `# ${marker}`].join('\t');
}

function isMarked(line: string, marker: string): boolean {
  const hash = line.indexOf('#');
  if (hash <= 0 || line.slice(0, hash).trim() === '') return false;
  return line.slice(hash + 1).trim() === marker;
}

/** A line Tandem wrote for some cluster's replication role (`# tandem:<cluster>`). */
function isReplicationLine(line: string): boolean {
  const hash = line.indexOf('#');
  return hash > 0 && /^tandem:[a-z0-9][a-z0-9_-]{0,39}$/.test(line.slice(hash + 1).trim());
}

function isRule(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

/**
 * Rewrites a pg_hba.conf text so it holds exactly `lines` as this cluster's Tandem rules:
 * every earlier line marked `# <marker>` is removed and the new lines are inserted just
 * before the first remaining rule, because pg_hba is first-match and a broad rule above
 * ours (e.g. `host all all 0.0.0.0/0 reject`) would shadow it. Comments, blank lines,
 * other clusters' lines and the DBA's own rules keep their text and order. With
 * `belowReplicationLines` (monitoring lines), Tandem's replication lines at the top stay
 * above the new lines, so each kind's "above every other rule" check holds for both.
 * Before: each line ends with `# <marker>` and holds no line break. After: applying the
 * same lines again returns the same text; an empty `lines` removes the cluster's rules.
 */
export function applyHbaLines(existingText: string, lines: readonly string[], marker: string, options: { belowReplicationLines?: boolean } = {}): string {
  if (!MARKER.test(marker)) throw new TypeError(`Invalid pg_hba marker ${JSON.stringify(marker.slice(0, 60))}`);
  for (const line of lines) {
    if (/[\r\n]/.test(line) || !isMarked(line, marker)) throw new TypeError(`A Tandem pg_hba line must be one line ending with "# ${marker}"`);
  }
  const endsWithNewline = existingText === '' || existingText.endsWith('\n');
  const body = existingText.endsWith('\n') ? existingText.slice(0, -1) : existingText;
  const kept = (body === '' ? [] : body.split('\n')).filter((line) => !isMarked(line, marker));
  const firstRule = kept.findIndex((line) => isRule(line) && !(options.belowReplicationLines && isReplicationLine(line)));
  const at = firstRule === -1 ? kept.length : firstRule;
  const result = [...kept.slice(0, at), ...lines, ...kept.slice(at)];
  if (result.length === 0) return '';
  return result.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Reads a pg_hba file as root (Tandem fetches it, applies {@link applyHbaLines} and writes it back). */
export function hbaReadCommand(file: string): ShellCommand {
  return sh`cat -- ${file}`;
}

/**
 * Replaces a pg_hba file atomically with the text on stdin, as root: written to a
 * temporary file beside it, given the original's owner and mode, then renamed over it.
 * Refuses (exit 3) when the file changed since Tandem read it (`expectedSha256`), so a
 * concurrent edit is never lost.
 */
export function hbaWriteCommand(file: string, expectedSha256: string): ShellCommand {
  if (!SHA256.test(expectedSha256)) throw new TypeError('hbaWriteCommand: expectedSha256 must be 64 lower-case hex digits');
  const template = `${file}.tandem.XXXXXX`;
  return sh`set -e
current=$(sha256sum -- ${file} | cut -d ' ' -f 1)
if [ "$current" != ${expectedSha256} ]; then echo 'pg_hba file changed since it was read' >&2; exit 3; fi
tmp=$(mktemp -- ${template})
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chown --reference=${file} -- "$tmp"
chmod --reference=${file} -- "$tmp"
mv -f -- "$tmp" ${file}
trap - EXIT`;
}
