/**
 * What to do about pgBackRest's own error lines, for the failures a DBA meets first. The
 * line itself is always kept; the hint is added before it.
 */
const HINTS: readonly { readonly pattern: RegExp; readonly hint: string }[] = [
  { pattern: /HTTP request failed with 403|InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied/, hint: 'the object storage refused the key and secret: check them (and that they may use the bucket), save them again, then start again' },
  { pattern: /NoSuchBucket|HTTP request failed with 404/, hint: 'the bucket does not exist at that endpoint: create it (Tandem never creates buckets), or correct its name' },
  { pattern: /unable to find hostname .* in certificate|certificate verify failed|unable to get local issuer certificate/, hint: "the object storage's TLS certificate does not match its name or is not signed by the CA given: give its CA certificate, or the name the certificate carries" },
  { pattern: /No space left on device|\[047\]/, hint: "the repository's file system is full: free space or lower the retention, then start again" },
  { pattern: /unable to connect to|\[104\]|Connection refused|No route to host|Connection timed out/, hint: 'the repository is unreachable: check that its host is up and reachable from this host' },
  { pattern: /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/, hint: "a host's SSH key is not the one Tandem pinned: check the host's keys, accept the new key in Tandem if it changed on purpose, then run Enable backups again" },
  { pattern: /Permission denied \(publickey/, hint: 'the SSH trust between the hosts is missing: run Enable backups again to restore it' },
  { pattern: /\[028\]|system-id .* do not match|database version = .* system-id/, hint: "the stanza belongs to another database: use another repository path or bucket for this cluster" },
];

/** `line` with what to do in front of it, when Tandem knows what it means; else the line as it is. */
export function explainBackrestError(line: string): string {
  const found = HINTS.find((entry) => entry.pattern.test(line));
  return found ? `${found.hint} (${line})` : line;
}

/**
 * The last of pgBackRest's output lines that Tandem knows what to do about, explained; null when
 * none is. pgBackRest's error can end in a line that names only the retry (`[FileWriteError] on
 * retry after 15000ms`), with the cause (`No space left on device`) on a line before it.
 */
export function explainBackrestLines(lines: readonly string[]): string | null {
  const line = lines.findLast((text) => HINTS.some((entry) => entry.pattern.test(text)));
  return line === undefined ? null : explainBackrestError(line);
}
