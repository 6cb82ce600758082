export const REDACTED = '***';

/**
 * Replaces every appearance of each secret with `***`: as written, SQL-quoted (`'` doubled)
 * and shell-quoted (`'` as `'\''`). Longer secrets go first so one secret containing another
 * is not half-replaced. Empty secrets are ignored.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    forms.add(secret);
    forms.add(secret.replaceAll("'", "''"));
    forms.add(secret.replaceAll("'", `'\\''`));
    forms.add(secret.replaceAll("'", "''").replaceAll('\\', '\\\\'));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}
