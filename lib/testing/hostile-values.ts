/**
 * What an attacker, or a careless paste, puts in a form field: the catalogue the hostile-input
 * suite (lib/actions/hostile-input.test.ts) feeds to every field of every action. Each value
 * has a class and a label that names it in a failure.
 */
export type HostileClass =
  | 'shell'
  | 'option'
  | 'sql'
  | 'path'
  | 'unicode'
  | 'oversized'
  | 'ssrf'
  | 'header'
  | 'format'
  | 'number'
  | 'control';

export interface HostileValue {
  readonly class: HostileClass;
  readonly label: string;
  readonly value: string;
}

const group = (kind: HostileClass, entries: Record<string, string>): HostileValue[] =>
  Object.entries(entries).map(([label, value]) => ({ class: kind, label, value }));

export const HOSTILE_VALUES: readonly HostileValue[] = [
  ...group('shell', {
    'command substitution': '$(id)',
    'backticks': '`id`',
    'semicolon': ';id',
    'semicolon after a word': 'pg1;id',
    'pipe': '|id',
    'and-list': 'pg1 && id',
    'or-list': 'pg1 || id',
    'background': 'pg1 & id',
    'redirect out': '>/tmp/tandem-hostile',
    'redirect in': '</etc/passwd',
    'newline and command': 'pg1\nid',
    'carriage return and command': 'pg1\rid',
    'NUL byte': 'pg1\u0000id',
    'single-quote breakout': "'; id; '",
    'double-quote breakout': '"; id; "',
    'variable': '$HOME',
    'IFS expansion': 'pg1${IFS}id',
    'arithmetic expansion': '$((6*7))',
    'glob': '*',
    'tilde': '~root',
    'history': '!!',
    'comment': 'pg1 #',
    'backslash': 'pg1\\',
  }),
  ...group('option', {
    'ssh ProxyCommand': '-oProxyCommand=id',
    'long option': '--help',
    'lone dash': '-',
    'end of options': '--',
    'rm flags': '-rf',
    'tar checkpoint action': '--checkpoint-action=exec=id',
  }),
  ...group('sql', {
    'single quote': "'",
    'two single quotes': "''",
    'backslash quote': "\\'",
    'quoted DROP': '"; DROP TABLE hosts; --',
    'string DROP': "'; DROP TABLE hosts; --",
    'escape string': "E'\\\\'",
    'tautology': "1' OR '1'='1",
    'dollar quoting': '$$; DROP TABLE hosts; $$',
    'quoted identifier': '"pg1"."x"',
    'psql meta-command': '\\! id',
  }),
  ...group('path', {
    'relative traversal': '../../etc/passwd',
    'absolute path': '/etc/passwd',
    'proc environ': '/proc/self/environ',
    'encoded traversal': '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'backslash traversal': '..\\..\\windows\\win.ini',
    'traversal inside a path': '/var/lib/postgresql/../../../root/.ssh/id_rsa',
    'doubled traversal': '....//....//etc/passwd',
    'home directory': '~/.ssh/authorized_keys',
  }),
  ...group('unicode', {
    'Cyrillic look-alike name': 'р\u04331',
    'Cyrillic a in an e-mail': '\u0430dmin@example.com',
    'fullwidth digits': '\uff11\uff12\uff13',
    'fullwidth IP': '\uff11\uff12\uff17.\uff10.\uff10.\uff11',
    'right-to-left override': 'pg1\u202egnp.exe',
    'zero-width joiner': 'pg\u200d1',
    'zero-width space': 'pg\u200b1',
    'byte-order mark inside': 'pg\ufeff1',
    'combining accent': 'pg1\u0301',
    'lone surrogate': 'pg\ud8001',
    'Kelvin sign': '\u212aelvin',
    'dotted capital I': '\u0130nstance',
    'emoji': 'pg\u{1f418}',
  }),
  ...group('oversized', {
    '10 kB': 'a'.repeat(10 * 1024),
    '1 MB': 'a'.repeat(1024 * 1024),
    '400 digits': '9'.repeat(400),
  }),
  ...group('ssrf', {
    'loopback': 'http://127.0.0.1/',
    'cloud metadata': 'http://169.254.169.254/latest/meta-data/',
    'IPv6 loopback': 'http://[::1]/',
    'IPv4-mapped loopback': 'http://[::ffff:127.0.0.1]/',
    'file URL': 'file:///etc/passwd',
    'gopher': 'gopher://127.0.0.1:6379/_INFO',
    'credentials in the URL': 'http://user:pw@hooks.example.com/',
    'hex loopback': 'http://0x7f000001/',
    'decimal loopback': 'http://2130706433/',
    'localhost PostgreSQL': 'http://localhost:5432/',
    'metadata host name': 'http://metadata.google.internal/computeMetadata/v1/',
    'private network': 'http://10.0.0.1/',
    'javascript URL': 'javascript:alert(1)',
  }),
  ...group('header', {
    'CRLF Set-Cookie': 'a\r\nSet-Cookie: x=1',
    'encoded CRLF': '%0d%0aSet-Cookie: x=1',
    'LF header': 'a\nX-Injected: 1',
    'CRLF in a URL': 'https://hooks.example.com/\r\nHost: evil.example',
  }),
  ...group('format', {
    'proto JSON': '{"__proto__":{"admin":true}}',
    '__proto__': '__proto__',
    'constructor': 'constructor',
    'toString': 'toString',
    'empty JSON list': '[]',
    'printf': '%s%s%s%n',
    'template': '{{7*7}}',
    'script tag': '<script>alert(1)</script>',
  }),
  ...group('number', {
    'minus one': '-1',
    'NaN': 'NaN',
    'overflowing float': '1e309',
    'Infinity': 'Infinity',
    'beyond safe integers': '9007199254740993',
    'hexadecimal': '0x1',
    'fraction': '1.5',
  }),
  ...group('control', {
    'tab only': '\t',
    'bell': 'pg1\u0007',
    'ANSI escape': '\u001b[31mred\u001b[0m',
    'backspace': 'pg1\u0008\u0008',
    'DEL': 'pg1\u007f',
    'next line': 'pg1\u0085id',
    'line separator': 'pg1\u2028id',
    'ideographic space only': '\u3000',
  }),
];

/** Plain words and numbers: a legitimate value for a name, label or user field, though the other classes still use them to probe parsers. */
const WORDS = new Set(['__proto__', 'constructor', 'toString', 'NaN', 'Infinity', '1e309', '9007199254740993', '0x1', '1.5']);

/** True for the catalogue values that are plain words or numbers ({@link WORDS}). */
export function isPlainWord(hostile: HostileValue): boolean {
  return WORDS.has(hostile.value);
}

/** True for the catalogue values that are only white space, which a trimmed optional field reads as empty. */
export function isBlank(hostile: HostileValue): boolean {
  return hostile.value.trim() === '';
}
