import { describe, expect, it } from 'vitest';
import { parseStanzaInfo, recoveryWindow } from './info';

// As pgBackRest 2.45 printed it for a stanza with one full backup (the system identifier does not fit a double).
const OUTPUT = '[{"archive":[{"database":{"id":1,"repo-key":1},"id":"15-1","max":"000000010000000000000006","min":"000000010000000000000001"}],"backup":[{"archive":{"start":"000000010000000000000006","stop":"000000010000000000000006"},"backrest":{"format":5,"version":"2.45"},"database":{"id":1,"repo-key":1},"error":false,"info":{"delta":101624255,"repository":{"delta":6381337,"size":6381337},"size":101624255},"label":"20261203-175835F","lsn":{"start":"0/6000028","stop":"0/6000100"},"prior":null,"reference":null,"timestamp":{"start":1796320715,"stop":1796320718},"type":"full"}],"cipher":"none","db":[{"id":1,"repo-key":1,"system-id":7715138230481449029,"version":"15"}],"name":"shop","repo":[{"cipher":"none","key":1,"status":{"code":0,"message":"ok"}}],"status":{"code":0,"lock":{"backup":{"held":false}},"message":"ok"}}]';

describe('pgbackrest info', () => {
  it('decodes backups, archives and the exact system identifier', () => {
    const info = parseStanzaInfo(OUTPUT, 'shop');
    expect(info.systemIds).toEqual(['7715138230481449029']);
    expect(info.backups).toEqual([{
      label: '20261203-175835F', type: 'full', repository: 1, startedAt: '2026-12-03T17:58:35.000Z', stoppedAt: '2026-12-03T17:58:38.000Z',
      sizeBytes: 101624255, deltaBytes: 101624255, repositorySizeBytes: 6381337, repositoryDeltaBytes: 6381337,
      walStart: '000000010000000000000006', walStop: '000000010000000000000006', lsnStart: '0/6000028', lsnStop: '0/6000100', prior: null, error: false,
    }]);
    expect(info.archives).toEqual([{ repository: 1, id: '15-1', min: '000000010000000000000001', max: '000000010000000000000006' }]);
    expect(info.backupRunning).toBe(false);
  });

  it('refuses output without the stanza, or of another shape', () => {
    expect(() => parseStanzaInfo(OUTPUT, 'orders')).toThrow('pgbackrest info did not report stanza orders');
    expect(() => parseStanzaInfo('[{"name": 3}]', 'shop')).toThrow();
  });

  it('spans the recovery window from the oldest backup\'s end to the last archived WAL', () => {
    const info = parseStanzaInfo(OUTPUT, 'shop');
    expect(recoveryWindow(info, new Date('2026-12-03T18:30:00Z'))).toEqual({ earliest: '2026-12-03T17:58:38.000Z', latest: '2026-12-03T18:30:00.000Z' });
    expect(recoveryWindow(info, null)).toEqual({ earliest: '2026-12-03T17:58:38.000Z', latest: '2026-12-03T17:58:38.000Z' });
    expect(recoveryWindow({ ...info, backups: info.backups.map((backup) => ({ ...backup, error: true })) }, null)).toBeNull();
  });
});
