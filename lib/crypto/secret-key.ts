import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Parses TANDEM_SECRET_KEY: 32 bytes as 64 hex digits or as base64.
 * Throws with what to do when the value is neither.
 */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('TANDEM_SECRET_KEY must be 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)');
  }
  return key;
}

/**
 * The master key for secrets at rest: from `fromEnv` when set, otherwise from
 * `<dataDir>/secret.key`, created with mode 0600 on first start. A key file readable by
 * others is refused rather than silently used.
 */
export function loadSecretKey(fromEnv: string | undefined, dataDir: string): Buffer {
  if (fromEnv) return parseSecretKey(fromEnv);
  const file = path.resolve(dataDir, 'secret.key');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  chmodSync(file, 0o600);
  return parseSecretKey(readFileSync(file, 'utf8'));
}
