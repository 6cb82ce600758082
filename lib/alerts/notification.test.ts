import { describe, expect, it } from 'vitest';
import { genericPayload, slackPayload, supersedes, wants, type Notification } from './notification';

const base = 'https://tandem.example.test/';
const opened: Notification = { event: 'alert.opened', severity: 'warning', cluster: { id: 3, name: 'main' }, summary: 'pg2 replays 12.0 s behind (limit 10 s)', openedAt: new Date('2026-11-22T08:00:00Z') };

describe('webhook payloads', () => {
  it('generic JSON names the event, severity, cluster, times and the cluster page', () => {
    expect(genericPayload({ ...opened, event: 'alert.resolved', resolvedAt: new Date('2026-11-22T08:05:00Z') }, base)).toEqual({
      event: 'alert.resolved',
      severity: 'warning',
      cluster: 'main',
      summary: 'pg2 replays 12.0 s behind (limit 10 s)',
      openedAt: '2026-11-22T08:00:00.000Z',
      resolvedAt: '2026-11-22T08:05:00.000Z',
      url: 'https://tandem.example.test/clusters/3',
    });
  });

  it('Slack-compatible JSON has a text fallback and blocks with a link', () => {
    const body = slackPayload(opened, base);
    expect(body.text).toBe('⚠️ WARNING · main: pg2 replays 12.0 s behind (limit 10 s)');
    expect(JSON.stringify(body.blocks)).toContain('<https://tandem.example.test/clusters/3|Open in Tandem>');
  });

  it('names acknowledgements and resolutions plainly', () => {
    expect(slackPayload({ ...opened, event: 'alert.acknowledged', summary: 'ops@example.com acknowledged' }, base).text).toBe('👀 Acknowledged · main: ops@example.com acknowledged');
    expect(slackPayload({ ...opened, event: 'alert.resolved' }, base).text).toBe('✅ Resolved · main: pg2 replays 12.0 s behind (limit 10 s)');
  });

  it('escapes & < > in Slack text, so an operator comment cannot ping a channel or plant a link; the generic body keeps the text as written', () => {
    const comment: Notification = { ...opened, event: 'alert.acknowledged', summary: 'ops acknowledged: <!channel> see <https://evil.example|Open in Tandem> & more' };
    const body = slackPayload(comment, base);
    expect(body.text).toBe('👀 Acknowledged · main: ops acknowledged: &lt;!channel&gt; see &lt;https://evil.example|Open in Tandem&gt; &amp; more');
    expect(JSON.stringify(body.blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(body.blocks)).not.toContain('<https://evil.example');
    expect(genericPayload(comment, base).summary).toBe(comment.summary);
  });

  it('operation events default to info and name their event', () => {
    const event: Notification = { event: 'promote.succeeded', cluster: { id: 3, name: 'main' }, summary: 'pg2 promoted' };
    expect(genericPayload(event, base)).toMatchObject({ event: 'promote.succeeded', severity: 'info', openedAt: null });
    expect(slackPayload(event, base).text).toBe('ℹ️ promote.succeeded · main: pg2 promoted');
  });
});

describe('wants', () => {
  it('filters alert events by minimum severity and lets every other event through', () => {
    expect(wants('critical', opened)).toBe(false);
    expect(wants('critical', { ...opened, severity: 'critical' })).toBe(true);
    expect(wants('warning', opened)).toBe(true);
    expect(wants('critical', { event: 'promote.succeeded', cluster: null, summary: 'x' })).toBe(true);
  });
});

describe('supersedes', () => {
  const resolved: Notification = { ...opened, event: 'alert.resolved', alertEventId: 5 };
  it("an alert's resolution supersedes its opening and acknowledgement only", () => {
    expect(supersedes(resolved, { ...opened, alertEventId: 5 })).toBe(true);
    expect(supersedes(resolved, { ...opened, event: 'alert.acknowledged', alertEventId: 5 })).toBe(true);
    expect(supersedes(resolved, { ...opened, alertEventId: 6 })).toBe(false);
    expect(supersedes(resolved, { ...resolved })).toBe(false);
    expect(supersedes({ ...opened, alertEventId: 5 }, { ...opened, alertEventId: 5 })).toBe(false);
  });

  it('needs an alert to compare: events without one never supersede', () => {
    expect(supersedes({ ...resolved, alertEventId: null }, { ...opened, alertEventId: null })).toBe(false);
    expect(supersedes({ ...resolved, alertEventId: undefined }, opened)).toBe(false);
  });
});
