import { sh, type ShellCommand } from '@/lib/ssh/shell';

/** Expiry closer than this makes a member's certificate due for renewal (and alerts). */
export const RENEW_BEFORE_DAYS = 30;

/**
 * Where a member keeps the files of its cluster's TLS: outside the data directory, so
 * pg_basebackup never copies one member's key to another, and at the same path on every
 * member, so the `ssl_*_file` settings and `sslrootcert` that travel with a clone (in
 * postgresql.auto.conf and primary_conninfo) are right on each of them.
 */
export interface MemberTlsFiles {
  readonly dir: string;
  readonly cert: string;
  readonly key: string;
  readonly authority: string;
}

export function memberTlsFiles(clusterName: string): MemberTlsFiles {
  const dir = `/etc/tandem/tls/${clusterName}`;
  return { dir, cert: `${dir}/server.crt`, key: `${dir}/server.key`, authority: `${dir}/ca.crt` };
}

function pendingKey(files: MemberTlsFiles): string {
  return `${files.key}.new`;
}

/**
 * Makes a new key on the member (it never leaves the host) and prints a certificate request
 * for it. The subject is a fixed placeholder: Tandem signs only the public key and takes
 * the names from its inventory. The key waits as `server.key.new` until its certificate
 * is installed, so the key and certificate in use stay valid meanwhile.
 */
export function certificateRequestCommand(files: MemberTlsFiles): ShellCommand {
  return sh`set -e
command -v openssl >/dev/null || { echo 'openssl is not installed on this host: install it (Debian: apt-get install openssl) and run the step again' >&2; exit 3; }
install -d -o root -g root -m 0755 /etc/tandem /etc/tandem/tls
install -d -o postgres -g postgres -m 0700 -- ${files.dir}
umask 077
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=tandem-member -keyout ${pendingKey(files)} 2>/dev/null
chown postgres:postgres -- ${pendingKey(files)}`;
}

/** Writes Tandem's CA certificate (stdin) as the member's `ca.crt`, atomically. */
export function installAuthorityCommand(files: MemberTlsFiles): ShellCommand {
  return sh`set -e
tmp=$(mktemp -- ${`${files.authority}.XXXXXX`})
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
openssl x509 -noout -in "$tmp"
chown postgres:postgres -- "$tmp" && chmod 0644 -- "$tmp"
mv -f -- "$tmp" ${files.authority}
trap - EXIT`;
}

/**
 * Installs the signed certificate (stdin) with the key it was issued for: refuses when the
 * certificate's public key is not the pending key's, or when it does not verify against
 * `ca.crt`; then moves the key and the certificate into place (key first: PostgreSQL reads
 * both only on reload).
 */
export function installCertificateCommand(files: MemberTlsFiles): ShellCommand {
  const pending = pendingKey(files);
  return sh`set -e
test -f ${pending} || { echo 'No pending key: run the step again to make a new request' >&2; exit 3; }
tmp=$(mktemp -- ${`${files.cert}.XXXXXX`})
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
[ "$(openssl x509 -noout -pubkey -in "$tmp")" = "$(openssl pkey -pubout -in ${pending})" ] || { echo 'The certificate is not for the pending key' >&2; exit 3; }
openssl verify -CAfile ${files.authority} "$tmp" >/dev/null
chown postgres:postgres -- "$tmp" && chmod 0644 -- "$tmp"
mv -f -- ${pending} ${files.key}
mv -f -- "$tmp" ${files.cert}
trap - EXIT
openssl x509 -noout -subject -enddate -ext subjectAltName -in ${files.cert}`;
}

/**
 * Holds when the member's `ca.crt` is Tandem's CA (stdin), its certificate verifies against
 * it, names `address`, has its key beside it, and is valid for more than
 * {@link RENEW_BEFORE_DAYS} days.
 */
export function certificateHoldsCommand(files: MemberTlsFiles, address: string): ShellCommand {
  return sh`test -f ${files.key} && test -f ${files.cert} && cmp -s - ${files.authority} \
  && openssl verify -CAfile ${files.authority} ${files.cert} >/dev/null 2>&1 \
  && openssl x509 -noout -checkend ${String(RENEW_BEFORE_DAYS * 86_400)} -in ${files.cert} >/dev/null \
  && openssl x509 -noout -checkip ${address} -in ${files.cert} | grep -q 'does match' \
  && [ "$(openssl x509 -noout -pubkey -in ${files.cert})" = "$(openssl pkey -pubout -in ${files.key})" ]`;
}

export interface ReplicationTls {
  readonly tls: boolean;
  /** The members hold certificates from Tandem's CA; false for a cluster set up with TLS before Tandem issued them (its own certificates, encrypted but not verified). */
  readonly verified: boolean;
  readonly clusterName: string;
  readonly major: number;
  readonly passwordMethod: 'scram-sha-256' | 'md5';
}

/**
 * The libpq options of a replication (or pg_rewind source) connection. With TLS: the
 * server's certificate is verified against Tandem's CA and its name (`verify-full`); with
 * SCRAM, channel binding ties the login to that TLS session (libpq ≥ 13); `require_auth`
 * (libpq ≥ 16) refuses a server that asks for a weaker method. TLS without Tandem's
 * certificates: `require`. Without TLS: `prefer`.
 */
export function replicationTlsOptions(input: ReplicationTls): Record<string, string> {
  if (!input.tls) return { sslmode: 'prefer' };
  if (!input.verified) return { sslmode: 'require' };
  const options: Record<string, string> = { sslmode: 'verify-full', sslrootcert: memberTlsFiles(input.clusterName).authority };
  if (input.passwordMethod === 'scram-sha-256' && input.major >= 13) options.channel_binding = 'require';
  if (input.major >= 16) options.require_auth = input.passwordMethod;
  return options;
}
