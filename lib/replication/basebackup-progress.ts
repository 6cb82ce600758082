/**
 * Reads one line of `pg_basebackup -P` progress ("123456/987654 kB (12%), 0/1 tablespace"),
 * in bytes; null for any other line.
 */
export function parseBasebackupProgress(line: string): { done: number; total: number } | null {
  const match = /^\s*(\d+)\/(\d+) kB \(\d+%\)/.exec(line);
  if (!match?.[1] || !match[2]) return null;
  return { done: Number(match[1]) * 1024, total: Number(match[2]) * 1024 };
}
