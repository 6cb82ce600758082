import { describe, expect, it } from 'vitest';
import { acknowledgeSchema, ruleEditSchema, webhookAllowListSchema, webhookEditSchema, webhookSchema } from './rule-schema';

const errors = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe('ruleEditSchema', () => {
  it('turns MiB into bytes and the checkbox into a boolean', () => {
    const parsed = ruleEditSchema.parse({ clusterId: '3', metric: 'replay_lag_bytes', severity: 'warning', threshold: '32', forSeconds: '60', enabled: 'on' });
    expect(parsed).toEqual({ clusterId: 3, rule: { metric: 'replay_lag_bytes', severity: 'warning', threshold: 32 * 1024 * 1024, forSeconds: 60, enabled: true } });
  });

  it('ignores the threshold of rules without one and reads an unchecked box as disabled', () => {
    const parsed = ruleEditSchema.parse({ clusterId: '3', metric: 'two_primaries', severity: 'critical', threshold: 'x', forSeconds: '0' });
    expect(parsed.rule).toEqual({ metric: 'two_primaries', severity: 'critical', threshold: null, forSeconds: 0, enabled: false });
  });

  it('takes a count of WAL segments as typed, whole numbers only', () => {
    const input = { clusterId: '3', metric: 'archive_ready_segments', severity: 'warning', forSeconds: '60', enabled: 'on' };
    expect(ruleEditSchema.parse({ ...input, threshold: '64' }).rule).toEqual({ metric: 'archive_ready_segments', severity: 'warning', threshold: 64, forSeconds: 60, enabled: true });
    expect(errors(ruleEditSchema.safeParse({ ...input, threshold: '16.5' }))).toEqual({ threshold: 'Threshold must be a whole number of segments' });
    expect(errors(ruleEditSchema.safeParse({ ...input, threshold: '0' }))).toEqual({ threshold: 'Threshold must be a number above 0 (segments)' });
  });

  it('takes the backup rules\' days as typed, and no threshold for a failed drill', () => {
    const input = { clusterId: '3', severity: 'warning', forSeconds: '0', enabled: 'on' };
    expect(ruleEditSchema.parse({ ...input, metric: 'backup_repository_full_days', threshold: '3.5' }).rule.threshold).toBe(3.5);
    expect(ruleEditSchema.parse({ ...input, metric: 'restore_drill_stale', threshold: '14' }).rule.threshold).toBe(14);
    expect(errors(ruleEditSchema.safeParse({ ...input, metric: 'restore_drill_stale', threshold: '0' }))).toEqual({ threshold: 'Threshold must be a number above 0 (days)' });
    expect(ruleEditSchema.parse({ ...input, metric: 'restore_drill_failed', severity: 'critical', threshold: '5' }).rule).toEqual({ metric: 'restore_drill_failed', severity: 'critical', threshold: null, forSeconds: 0, enabled: true });
  });

  it.each([
    [{ threshold: '' }, { threshold: 'Threshold must be a number above 0 (s)' }],
    [{ threshold: '-1' }, { threshold: 'Threshold must be a number above 0 (s)' }],
    [{ forSeconds: '-5' }, { forSeconds: 'Hold time must be whole seconds, 0 or more' }],
    [{ forSeconds: '1.5' }, { forSeconds: 'Hold time must be whole seconds, 0 or more' }],
    [{ forSeconds: '0x1e' }, { forSeconds: 'Hold time must be whole seconds, 0 or more' }],
    [{ forSeconds: '100000' }, { forSeconds: 'Hold time can be at most one day (86400 s)' }],
    [{ metric: 'cpu' }, { metric: 'Unknown alert rule' }],
  ])('explains a bad field: %j', (change, expected) => {
    const result = ruleEditSchema.safeParse({ clusterId: '3', metric: 'replay_lag_seconds', severity: 'warning', threshold: '10', forSeconds: '30', ...change });
    expect(errors(result)).toEqual(expected);
  });
});

describe('webhookSchema', () => {
  const valid = { hookName: 'on-call', url: 'https://hooks.example.com/services/T0/B0/abc', format: 'slack', minSeverity: 'warning' };

  it('accepts http and https URLs (an IP address is judged against the allow-list by the action)', () => {
    expect(webhookSchema.safeParse(valid).success).toBe(true);
    expect(webhookSchema.safeParse({ ...valid, url: 'http://127.0.0.1:9000/hook' }).success).toBe(true);
  });

  it.each(['ftp://example.com/x', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd'])('refuses %s', (url) => {
    expect(errors(webhookSchema.safeParse({ ...valid, url }))).toEqual({ url: 'Enter an http:// or https:// URL' });
  });

  it('asks for a URL when none is pasted', () => {
    expect(errors(webhookSchema.safeParse({ ...valid, url: '  ' }))).toEqual({ url: 'Paste the webhook URL' });
  });

  it.each(['https://user:pass@hooks.example.com/services/T/B/secret', 'https://token@hooks.example.com/services/T/B/secret', 'https://:pass@hooks.example.com/x'])(
    'refuses user info in %s, naming the host only',
    (url) => {
      const message = errors(webhookSchema.safeParse({ ...valid, url })).url;
      expect(message).toBe('Take the user name and password out of the URL for hooks.example.com: Tandem does not send credentials in a webhook URL (put a token in its path or query instead)');
      expect(message).not.toMatch(/user:|token@|pass@|services|secret/);
    },
  );
});

describe('webhookEditSchema', () => {
  const edit = { id: '4', hookName: 'on-call', format: 'generic', minSeverity: 'critical' };

  it('keeps the stored URL when the field is empty and checks a new one', () => {
    expect(webhookEditSchema.parse({ ...edit, url: '' }).url).toBe('');
    expect(webhookEditSchema.parse({ ...edit, url: 'https://example.com/new' }).url).toBe('https://example.com/new');
    expect(errors(webhookEditSchema.safeParse({ ...edit, url: 'gopher://x' }))).toEqual({ url: 'Enter an http:// or https:// URL' });
  });
});

describe('webhookAllowListSchema', () => {
  it('reads entries one a line (or separated by spaces or commas), normalized and without repeats', () => {
    expect(webhookAllowListSchema.parse({ entries: '10.0.0.0/8\n  Chat.Corp.Example.\r\n\n127.0.0.0/8, ::1 chat.corp.example' }).entries).toEqual(['10.0.0.0/8', 'chat.corp.example', '127.0.0.0/8', '::1']);
    expect(webhookAllowListSchema.parse({ entries: '' }).entries).toEqual([]);
    expect(webhookAllowListSchema.parse({}).entries).toEqual([]);
  });

  it('names each bad entry', () => {
    const result = webhookAllowListSchema.safeParse({ entries: '10.0.0.0/8\n10.1.0.0/8\n*.corp.example' });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ['entries', '"10.1.0.0/8": the address has bits set beyond the /8; write the network\'s first address'],
      ['entries', '"*.corp.example" is not an IP address, a network (10.0.0.0/8) or a host name'],
    ]);
  });
});

describe('acknowledgeSchema', () => {
  it('requires a comment', () => {
    expect(errors(acknowledgeSchema.safeParse({ eventId: '1', comment: '  ' }))).toEqual({ comment: 'Say what you are doing about it' });
  });
});
