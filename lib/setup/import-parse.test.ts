import { describe, expect, it } from 'vitest';
import { conninfoHost, receiverOf, sendersOf } from './import-parse';

describe('import probe parsing', () => {
  it('takes sender_host when the server has it, else host= from conninfo', () => {
    expect(receiverOf('[{"status":"streaming","sender_host":"10.88.0.11","conninfo":"host=other"}]')).toEqual({ status: 'streaming', senderHost: '10.88.0.11' });
    expect(receiverOf('[{"status":"streaming","conninfo":"user=replicator password=******** host=10.88.0.11 port=5432"}]')).toEqual({ status: 'streaming', senderHost: '10.88.0.11' });
    expect(receiverOf('[]')).toBeNull();
  });

  it('reads quoted and spaced conninfo hosts', () => {
    expect(conninfoHost("user=r host = 'db one' port=5432")).toBe('db one');
    expect(conninfoHost("host='it\\'s'")).toBe("it's");
    expect(conninfoHost('hostaddr=10.0.0.1 port=5432')).toBeNull();
  });

  it('reads walsenders, missing values as unknown', () => {
    expect(sendersOf('[{"clientAddr":"10.88.0.12","applicationName":"15/main","state":"streaming","syncState":null,"usename":"replicator","slotName":null}]')).toEqual([
      { clientAddr: '10.88.0.12', applicationName: '15/main', state: 'streaming', syncState: 'unknown', usename: 'replicator', slotName: null },
    ]);
    expect(() => sendersOf('[{"clientAddr":1}]')).toThrow();
  });
});
