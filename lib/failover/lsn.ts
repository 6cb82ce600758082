const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** Whether a text is a PostgreSQL LSN as the server prints it (`16/B374D848`). */
export function isLsn(text: string): boolean {
  return LSN.test(text);
}

/** An LSN as a byte position; throws on anything that is not `X/Y` hex. */
export function parseLsn(text: string): bigint {
  const match = LSN.exec(text.trim());
  if (!match) throw new TypeError(`Not an LSN: ${JSON.stringify(text.slice(0, 40))}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** A byte position back as the server prints it. */
export function formatLsn(position: bigint): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** The later of two LSN texts (null-tolerant). */
export function laterLsn(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return parseLsn(a) >= parseLsn(b) ? a : b;
}

/** Bytes from `from` up to `to`, never negative (a replica ahead of a stale reference is 0 behind). */
export function bytesBehind(to: string, from: string): number {
  const diff = parseLsn(to) - parseLsn(from);
  return diff > 0n ? Number(diff) : 0;
}
