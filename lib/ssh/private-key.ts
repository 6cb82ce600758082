import 'server-only';
import ssh2, { type ParsedKey } from 'ssh2';

// ssh2 is CommonJS and Node's ESM loader sees only some of its exports by name.
const { utils } = ssh2;

export type PrivateKeyCheck = { ok: true; type: string } | { ok: false; message: string };

const PUBLIC_KEY_LINE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+AAAA/;
const PUBLIC_KEY_BLOCK = /-----BEGIN (RSA |EC )?PUBLIC KEY-----|---- BEGIN SSH2 PUBLIC KEY ----/;
const PRIVATE_KEY_HEADER = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----|PuTTY-User-Key-File-\d+:/;

const NOT_A_KEY =
  'This is not an SSH private key. Paste the whole private key file (for example ~/.ssh/id_ed25519), ' +
  'including its -----BEGIN … PRIVATE KEY----- and -----END … PRIVATE KEY----- lines.';
const PUBLIC_PASTED =
  'This is a public key. Paste the private key instead: the matching file without ".pub" ' +
  '(for example ~/.ssh/id_ed25519); the public key goes into ~/.ssh/authorized_keys on the host.';
const LINES_LOST =
  'The key’s line breaks seem to have been lost. Paste the key file exactly as it is, one line per line.';
const NEEDS_PASSPHRASE = 'This private key is encrypted. Enter its passphrase.';
const WRONG_PASSPHRASE = 'The passphrase does not unlock this private key. Check it and try again.';

function firstKey(parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  if (!Array.isArray(parsed)) return parsed;
  return parsed[0] ?? new Error('no key found');
}

function explainParseError(text: string, error: Error, passphrase: string | undefined): string {
  const message = error.message.toLowerCase();
  if (message.includes('no passphrase given')) return NEEDS_PASSPHRASE;
  if (passphrase !== undefined && (message.includes('passphrase') || message.includes('decrypt'))) return WRONG_PASSPHRASE;
  if (PUBLIC_KEY_LINE.test(text) || PUBLIC_KEY_BLOCK.test(text)) return PUBLIC_PASTED;
  if (PRIVATE_KEY_HEADER.test(text) && !text.includes('\n')) return LINES_LOST;
  if (PRIVATE_KEY_HEADER.test(text)) {
    return 'This looks like a private key but it could not be read: it may be cut short or use an unsupported format. ' +
      'Paste the whole file again, or convert it with `ssh-keygen -p -f <file>` to the OpenSSH format.';
  }
  return NOT_A_KEY;
}

/**
 * Says whether a pasted SSH private key can be used, before anything is stored or any
 * host contacted, so the host form can tell the user exactly what to fix: not a key,
 * a public key pasted by mistake, encrypted without a passphrase, or a wrong passphrase.
 * Messages never repeat the key or the passphrase. An empty passphrase counts as none.
 */
export function checkPrivateKey(key: string, passphrase?: string): PrivateKeyCheck {
  const text = key.trim();
  if (text === '') return { ok: false, message: 'Paste the SSH private key for this host.' };
  const secret = passphrase === undefined || passphrase === '' ? undefined : passphrase;

  let parsed: ParsedKey | Error;
  try {
    parsed = firstKey(utils.parseKey(text, secret));
  } catch (error: unknown) {
    parsed = error instanceof Error ? error : new Error('unreadable key');
  }
  if (parsed instanceof Error) return { ok: false, message: explainParseError(text, parsed, secret) };
  if (!parsed.isPrivateKey()) return { ok: false, message: PUBLIC_PASTED };
  return { ok: true, type: parsed.type };
}
