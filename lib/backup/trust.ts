import { createHash } from 'node:crypto';
import { sh, type ShellCommand } from '@/lib/ssh/shell';

/**
 * SSH trust between a repository host and a database host for pgBackRest: each side's key
 * (made on the host, the private half never leaves it), authorized on the other side for
 * that peer's address only and without a terminal or forwarding (`restrict,from=`), and the
 * other side's host key in known_hosts exactly as Tandem pinned it, so neither side ever
 * accepts an unknown key. Every entry carries a `tandem-pgbackrest:<stanza>:<peer>` tag, so
 * a re-run replaces Tandem's own lines and leaves everyone else's alone.
 */

/** The host key file sshd presents for a pinned key type. */
export function hostKeyFile(keyType: string): string {
  if (keyType === 'ssh-ed25519') return '/etc/ssh/ssh_host_ed25519_key.pub';
  if (keyType.startsWith('ecdsa-sha2-')) return '/etc/ssh/ssh_host_ecdsa_key.pub';
  if (keyType === 'ssh-rsa' || keyType.startsWith('rsa-sha2-')) return '/etc/ssh/ssh_host_rsa_key.pub';
  throw new TypeError(`Tandem cannot pin a ${keyType} host key for pgBackRest`);
}

/** Reads the pinned type's public host key (`type base64 [comment]`). */
export function readHostKeyCommand(keyType: string): ShellCommand {
  return sh`cat -- ${hostKeyFile(keyType)}`;
}

const KEY_LINE = /^((?:ssh-|ecdsa-sha2-|sk-|rsa-sha2-)[a-z0-9@.-]+) (AAAA[A-Za-z0-9+/]{16,}={0,3})(?: [^\n]*)?$/;

/** A public key line as `type base64`, or null when the text is not one key. */
export function parsePublicKey(text: string): { readonly type: string; readonly base64: string } | null {
  const match = KEY_LINE.exec(text.trim());
  return match?.[1] && match[2] ? { type: match[1], base64: match[2] } : null;
}

/** `SHA256:…` of a public key, as ssh-keygen -lf prints it and as Tandem pins host keys. */
export function keyFingerprint(base64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(base64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}

/** The account's home, from the password database (never $HOME, which sudo and runuser may keep). */
const home = sh`home=$(getent passwd "$user" | cut -d: -f6); [ -n "$home" ] || { echo "no account $user on this host" >&2; exit 1; }`;

/** Makes the account's ed25519 key pair when missing (mode 0600, owned by it) and prints the public half. Run as root. */
export function ensureKeyPairCommand(user: string, comment: string): ShellCommand {
  return sh`set -e
user=${user}
${home}
group=$(id -gn "$user")
install -d -m 0700 -o "$user" -g "$group" -- "$home/.ssh"
if [ ! -f "$home/.ssh/id_ed25519" ]; then runuser -u "$user" -- ssh-keygen -q -t ed25519 -N '' -C ${comment} -f "$home/.ssh/id_ed25519"; fi
cat -- "$home/.ssh/id_ed25519.pub"`;
}

export function trustTag(stanza: string, peer: string): string {
  return `tandem-pgbackrest:${stanza}:${peer}`;
}

/**
 * Puts `entry` (one line ending in `tag`) into the account's `file` under ~/.ssh, replacing
 * a line with the same tag and keeping every other line. Run as root; exits 0 with
 * `unchanged` when the line was already there.
 */
function managedLineCommand(user: string, file: 'authorized_keys' | 'known_hosts', entry: string, tag: string): ShellCommand {
  return sh`set -e
user=${user}
${home}
group=$(id -gn "$user")
target="$home/.ssh/"${file}
install -d -m 0700 -o "$user" -g "$group" -- "$home/.ssh"
touch -- "$target"
if grep -qxF -- ${entry} "$target"; then echo unchanged; exit 0; fi
tmp="$target.tandem.$$"
grep -vF -- ${` ${tag}`} "$target" > "$tmp" || true
printf '%s\n' ${entry} >> "$tmp"
chown "$user:$group" "$tmp"; chmod 0600 "$tmp"
mv -f -- "$tmp" "$target"
echo written`;
}

/** Lets `peerKey` (the peer's `type base64`) log in as `user`, from `peerAddress` only, with no terminal or forwarding. */
export function authorizeKeyCommand(user: string, peerKey: { type: string; base64: string }, peerAddress: string, tag: string): ShellCommand {
  return managedLineCommand(user, 'authorized_keys', `restrict,from="${peerAddress}" ${peerKey.type} ${peerKey.base64} ${tag}`, tag);
}

/** Records the peer's pinned host key for `user`'s ssh, under the address pgBackRest connects to. */
export function knownHostCommand(user: string, peerAddress: string, hostKey: { type: string; base64: string }, tag: string): ShellCommand {
  return managedLineCommand(user, 'known_hosts', `${peerAddress} ${hostKey.type} ${hostKey.base64} ${tag}`, tag);
}

/**
 * The account's ssh client settings for the peer, as a tagged block in ~/.ssh/config (every
 * other line kept): give up connecting after 10 s and notice a dead link within 30 s, so an
 * archive-push to an unreachable repository fails (and the archiving alert fires) in seconds,
 * not after the kernel's minutes of SYN retries.
 */
export function sshClientConfigCommand(user: string, peerAddress: string, tag: string): ShellCommand {
  const block = [`# ${tag} begin`, `Host ${peerAddress}`, '    ConnectTimeout 10', '    ServerAliveInterval 10', '    ServerAliveCountMax 3', `# ${tag} end`];
  return sh`set -e
user=${user}
${home}
group=$(id -gn "$user")
target="$home/.ssh/config"
install -d -m 0700 -o "$user" -g "$group" -- "$home/.ssh"
touch -- "$target"
tmp="$target.tandem.$$"
awk -v begin=${`# ${tag} begin`} -v end=${`# ${tag} end`} '$0 == begin { skip = 1 } !skip { print } $0 == end { skip = 0 }' "$target" > "$tmp"
printf '%s
' ${block} >> "$tmp"
chown "$user:$group" "$tmp"; chmod 0600 "$tmp"
mv -f -- "$tmp" "$target"`;
}

/** Proves `user` reaches `peerUser@peerAddress` by key against the pinned host key, never asking. */
export function sshReachesCommand(user: string, peerUser: string, peerAddress: string): ShellCommand {
  return sh`cd / && runuser -u ${user} -- ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -- ${`${peerUser}@${peerAddress}`} true`;
}
