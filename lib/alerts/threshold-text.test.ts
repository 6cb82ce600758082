import { describe, expect, it } from 'vitest';
import { formatBytes } from '@/lib/format/bytes';
import { thresholdLines } from '@/lib/lag/live';
import { NO_CLUSTER_FACTS, readConditions } from './conditions';
import { DEFAULT_ALERT_RULES, DEFAULT_LAG_THRESHOLDS } from './default-rules';
import { webhookBody } from './notification';
import { makeTick } from './tick-builders';

const MIB = 1024 * 1024;

describe('the default 16 MiB lag threshold', () => {
  it('reads the same on the chart, in the alert and in both webhook formats', () => {
    const chart = thresholdLines(DEFAULT_LAG_THRESHOLDS, 'bytes', formatBytes).map((line) => line.label);
    const alert = readConditions(makeTick(0, { replicas: [{ replayBytes: 20 * MIB }] }), DEFAULT_ALERT_RULES, { ...NO_CLUSTER_FACTS, hoursToDiskFull: null })
      .find((reading) => reading.metric === 'replay_lag_bytes' && reading.state === 'firing');
    const notification = { event: 'alert.opened', severity: 'warning' as const, cluster: { id: 1, name: 'main' }, summary: alert?.summary ?? '' };
    const slack = JSON.parse(webhookBody('slack', notification, 'https://tandem.example')) as { text: string };
    const generic = JSON.parse(webhookBody('generic', notification, 'https://tandem.example')) as { summary: string };

    expect(chart).toEqual(['warning 16 MiB']);
    expect(alert?.summary).toBe('pg2 is 20 MiB behind in replay (limit 16 MiB)');
    expect(slack.text).toContain('(limit 16 MiB)');
    expect(generic.summary).toContain('(limit 16 MiB)');
  });
});
