import { describe, expect, it } from 'vitest';
import { allowEntrySchema, allowListFrom, destinationRefusal, literalRefusal, parseIp } from './webhook-address';

const NOTHING_ALLOWED = allowListFrom([]);
const HINT = 'add it to the webhook allow-list in Settings to send webhooks there';

describe('parseIp', () => {
  it.each([
    ['127.0.0.1', 4, 0x7f000001n],
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['[::1]', 6, 1n],
    ['fe80::1', 6, 0xfe80n << 112n | 1n],
    ['2001:db8:0:0:0:0:0:1', 6, 0x20010db8n << 96n | 1n],
    ['1::', 6, 1n << 112n],
    ['::ffff:127.0.0.1', 4, 0x7f000001n],
    ['::ffff:7f00:1', 4, 0x7f000001n],
    ['[::FFFF:A9FE:A9FE]', 4, 0xa9fea9fen],
    ['0:0:0:0:0:ffff:10.0.0.1', 4, 0x0a000001n],
  ])('reads %s', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  it.each(['010.0.0.1', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.-4', '0x7f.0.0.1', ':::', '1::2::3', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4::5:6:7:8', '12345::', 'fe80::1%eth0', '::ffff:1.2.3', '1.2.3.4::', 'localhost', ''])(
    'does not read %j as an address',
    (text) => {
      expect(parseIp(text)).toBeNull();
    },
  );
});

describe('literalRefusal: a webhook URL whose host is an IP address', () => {
  it.each([
    ['http://127.0.0.1:9000/hook', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://127.255.255.254/', '127.255.255.254 is a loopback address (127.0.0.0/8)'],
    ['http://2130706433/', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://127.1/', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://127.0.0.1./', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1] is a loopback address (127.0.0.0/8)'],
    ['http://[::1]:8080/', '[::1] is a loopback address (::1/128)'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1] is a loopback address (::1/128)'],
    ['http://[::]/', '[::] is the unspecified address (::/128)'],
    ['http://0/', '0.0.0.0 is a "this network" address (0.0.0.0/8)'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (where cloud metadata answers) (169.254.0.0/16)'],
    ['http://[::ffff:a9fe:a9fe]/', '[::ffff:a9fe:a9fe] is a link-local address (where cloud metadata answers) (169.254.0.0/16)'],
    ['https://10.20.30.40/', '10.20.30.40 is a private address (10.0.0.0/8)'],
    ['https://172.16.0.1/', '172.16.0.1 is a private address (172.16.0.0/12)'],
    ['https://172.31.255.255/', '172.31.255.255 is a private address (172.16.0.0/12)'],
    ['https://192.168.1.1/', '192.168.1.1 is a private address (192.168.0.0/16)'],
    ['https://100.64.0.1/', '100.64.0.1 is a shared (CGNAT) address (100.64.0.0/10)'],
    ['https://100.127.255.255/', '100.127.255.255 is a shared (CGNAT) address (100.64.0.0/10)'],
    ['http://224.0.0.1/', '224.0.0.1 is a multicast address (224.0.0.0/4)'],
    ['http://239.255.255.250/', '239.255.255.250 is a multicast address (224.0.0.0/4)'],
    ['http://240.0.0.1/', '240.0.0.1 is a reserved address (240.0.0.0/4)'],
    ['http://255.255.255.255/', '255.255.255.255 is the broadcast address (255.255.255.255/32)'],
    ['http://[fc00::1]/', '[fc00::1] is a unique local (private) address (fc00::/7)'],
    ['http://[fd12:3456::1]/', '[fd12:3456::1] is a unique local (private) address (fc00::/7)'],
    ['http://[fe80::1]/', '[fe80::1] is a link-local address (fe80::/10)'],
    ['http://[febf::1]/', '[febf::1] is a link-local address (fe80::/10)'],
    ['http://[ff02::1]/', '[ff02::1] is a multicast address (ff00::/8)'],
  ])('refuses %s', (url, reason) => {
    expect(literalRefusal(url, NOTHING_ALLOWED)).toBe(`${reason}; ${HINT}`);
  });

  it.each([
    'https://8.8.8.8/hook',
    'https://172.15.255.255/',
    'https://172.32.0.0/',
    'https://100.63.255.255/',
    'https://100.128.0.0/',
    'https://169.253.255.255/',
    'https://223.255.255.255/',
    'https://[2001:db8::1]/',
    'https://[fec0::1]/',
    'https://[::ffff:8.8.8.8]/',
    'https://hooks.slack.com/services/T/B/x',
    'http://localhost:9000/',
  ])('leaves %s to the delivery (a public address, or a name judged once resolved)', (url) => {
    expect(literalRefusal(url, NOTHING_ALLOWED)).toBeNull();
  });

  it('never names the path or query, which may carry a token', () => {
    const refusal = literalRefusal('http://127.0.0.1:9000/hooks/T0/very-secret?token=abc123', NOTHING_ALLOWED) ?? '';
    expect(refusal).toContain('127.0.0.1');
    expect(refusal).not.toMatch(/very-secret|abc123|9000/);
  });

  it('lets an allow-listed network through, judging a mapped IPv6 address by its IPv4 address', () => {
    const allow = allowListFrom(['127.0.0.0/8', 'fd00::/8', '10.1.2.3']);
    for (const url of ['http://127.0.0.1:9000/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://[fd00::5]/', 'http://10.1.2.3/']) expect(literalRefusal(url, allow)).toBeNull();
    expect(literalRefusal('http://10.1.2.4/', allow)).toBe(`10.1.2.4 is a private address (10.0.0.0/8); ${HINT}`);
    expect(literalRefusal('http://[::1]/', allow)).toBe(`[::1] is a loopback address (::1/128); ${HINT}`);
  });
});

describe('destinationRefusal: a host name and what it resolved to', () => {
  it('refuses when any one address is denied, naming the host and that address', () => {
    expect(destinationRefusal('hooks.example.com', ['93.184.216.34', '10.0.0.7'], NOTHING_ALLOWED)).toBe(`hooks.example.com resolves to 10.0.0.7, a private address (10.0.0.0/8); ${HINT}`);
    expect(destinationRefusal('localhost', ['::1', '127.0.0.1'], NOTHING_ALLOWED)).toBe(`localhost resolves to ::1, a loopback address (::1/128); ${HINT}`);
    expect(destinationRefusal('rebind.example', ['::ffff:169.254.169.254'], NOTHING_ALLOWED)).toBe(`rebind.example resolves to ::ffff:169.254.169.254, a link-local address (where cloud metadata answers) (169.254.0.0/16); ${HINT}`);
  });

  it('lets public addresses through', () => {
    expect(destinationRefusal('hooks.example.com', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'], NOTHING_ALLOWED)).toBeNull();
  });

  it('needs every denied address opened by the allow-list', () => {
    expect(destinationRefusal('localhost', ['::1', '127.0.0.1'], allowListFrom(['127.0.0.0/8']))).toBe(`localhost resolves to ::1, a loopback address (::1/128); ${HINT}`);
    expect(destinationRefusal('localhost', ['::1', '127.0.0.1'], allowListFrom(['127.0.0.0/8', '::1']))).toBeNull();
  });

  it('lets an allow-listed host name reach whatever it resolves to, whatever its case or trailing dot', () => {
    const allow = allowListFrom(['chat.corp.example']);
    expect(destinationRefusal('Chat.Corp.Example.', ['10.20.3.4'], allow)).toBeNull();
    expect(destinationRefusal('other.corp.example', ['10.20.3.4'], allow)).toBe(`other.corp.example resolves to 10.20.3.4, a private address (10.0.0.0/8); ${HINT}`);
  });

  it('refuses a host that resolves to nothing, or to something that is not an address', () => {
    expect(destinationRefusal('empty.example', [], NOTHING_ALLOWED)).toBe('empty.example resolves to no address');
    expect(destinationRefusal('odd.example', ['fe80::1%eth0'], NOTHING_ALLOWED)).toBe('odd.example resolves to fe80::1%eth0, which is not an IP address Tandem can judge');
  });
});

describe('allowEntrySchema', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'],
    [' 10.20.3.4 ', '10.20.3.4'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['FD00::/8', 'fd00::/8'],
    ['::1', '::1'],
    ['Chat.Corp.Example.', 'chat.corp.example'],
    ['mattermost', 'mattermost'],
    ['slack-proxy.internal', 'slack-proxy.internal'],
  ])('accepts %j as %j', (text, normalized) => {
    expect(allowEntrySchema.parse(text)).toBe(normalized);
  });

  it.each([
    ['10.1.2.3/8', '"10.1.2.3/8": the address has bits set beyond the /8; write the network\'s first address'],
    ['10.0.0.0/33', '"10.0.0.0/33": an IPv4 prefix is /0 to /32'],
    ['fd00::/129', '"fd00::/129": an IPv6 prefix is /0 to /128'],
    ['10.0.0.0/', '"10.0.0.0/" is not an IP address or a network such as 10.0.0.0/8'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8" is not an IP address or a network such as 10.0.0.0/8'],
    ['chat.corp:8443', '"chat.corp:8443" is not an IP address or a network such as 10.0.0.0/8'],
    ['0x7f.1', '"0x7f.1": write an address in dotted decimal (10.0.0.5) or a network (10.0.0.0/8)'],
    ['2130706433', '"2130706433": write an address in dotted decimal (10.0.0.5) or a network (10.0.0.0/8)'],
    ['010.0.0.1', '"010.0.0.1": write an address in dotted decimal (10.0.0.5) or a network (10.0.0.0/8)'],
    ['*.corp.example', '"*.corp.example" is not an IP address, a network (10.0.0.0/8) or a host name'],
    ['-bad.example', '"-bad.example" is not an IP address, a network (10.0.0.0/8) or a host name'],
    ['a..b', '"a..b" is not an IP address, a network (10.0.0.0/8) or a host name'],
  ])('refuses %j, saying why', (text, message) => {
    const result = allowEntrySchema.safeParse(text);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
