const KEYWORD = /^[a-z_]{1,64}$/;

/**
 * Quotes one libpq connection-string value: single quotes around it, `\` and `'`
 * escaped with a backslash, as libpq's conninfo parser expects. NUL is refused.
 */
export function conninfoValue(value: string | number): string {
  const text = String(value);
  if (text.includes('\0')) throw new TypeError('conninfo: a value cannot contain a NUL byte');
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * Builds a libpq `keyword=value` connection string (for `primary_conninfo`,
 * `psql -d`, `pg_basebackup -d`) with every value quoted, so no value can add keywords.
 * Undefined entries are left out.
 */
export function buildConninfo(entries: Readonly<Record<string, string | number | undefined>>): string {
  return Object.entries(entries)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([keyword, value]) => {
      if (!KEYWORD.test(keyword)) throw new TypeError(`conninfo: invalid keyword ${JSON.stringify(keyword)}`);
      return `${keyword}=${conninfoValue(value)}`;
    })
    .join(' ');
}
