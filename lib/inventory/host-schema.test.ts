import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createHostSchema, updateHostSchema } from './host-schema';

const valid = {
  name: 'db-1',
  sshAddress: '10.0.0.5',
  sshPort: '22',
  sshUser: 'root',
  authMethod: 'password',
  password: 'correct horse battery staple',
  pgPort: '5432',
  labels: 'prod, eu-west',
  notes: '',
};

function fieldErrors(input: Record<string, unknown>, schema: z.ZodType = createHostSchema): Record<string, string[] | undefined> {
  const result = schema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe('host schema', () => {
  it('accepts a valid host and normalises ports and labels', () => {
    const parsed = createHostSchema.parse(valid);
    expect(parsed).toMatchObject({ sshPort: 22, pgPort: 5432, labels: ['prod', 'eu-west'] });
  });

  it.each(['db1.example.com', '192.168.1.10', '::1', 'fe80::1', 'pg-primary'])('accepts address %s', (sshAddress) => {
    expect(fieldErrors({ ...valid, sshAddress }).sshAddress).toBeUndefined();
  });

  it.each(['0', '65536', '22a', '', ' ', '-1', '1e3', '2.5', '999999'])('refuses port %j', (sshPort) => {
    expect(fieldErrors({ ...valid, sshPort }).sshPort?.[0]).toMatch(/1 to 65535/);
    expect(fieldErrors({ ...valid, pgPort: sshPort }).pgPort?.[0]).toMatch(/1 to 65535/);
  });

  const hostile = ["db'1", 'db"1', 'db;rm -rf /', 'db$(id)', 'db`id`', 'db\n1', 'db 1', '-oProxyCommand=x', 'db|x', 'db&x', ''];
  it.each(hostile)('refuses name %j', (name) => {
    expect(fieldErrors({ ...valid, name }).name?.length).toBeGreaterThan(0);
  });
  it.each(hostile)('refuses address %j', (sshAddress) => {
    expect(fieldErrors({ ...valid, sshAddress }).sshAddress?.length).toBeGreaterThan(0);
  });
  it.each(["root'", 'ro ot', 'Root', '$(id)', '-l', 'a'.repeat(33)])('refuses SSH user %j', (sshUser) => {
    expect(fieldErrors({ ...valid, sshUser }).sshUser?.length).toBeGreaterThan(0);
  });

  it('refuses oversized fields with a clear message', () => {
    expect(fieldErrors({ ...valid, name: 'a'.repeat(64) }).name?.[0]).toMatch(/at most 63/);
    expect(fieldErrors({ ...valid, notes: 'x'.repeat(2001) }).notes?.[0]).toMatch(/2000/);
    expect(fieldErrors({ ...valid, authMethod: 'key', privateKey: 'k'.repeat(16_385) }).privateKey?.[0]).toMatch(/16 KB/);
    expect(fieldErrors({ ...valid, sshAddress: `${'a'.repeat(60)}.`.repeat(5) }).sshAddress?.length).toBeGreaterThan(0);
  });

  it('requires the secret of the chosen method on create', () => {
    expect(fieldErrors({ ...valid, password: '' }).password?.[0]).toMatch(/password/);
    expect(fieldErrors({ ...valid, authMethod: 'key' }).privateKey?.[0]).toMatch(/private key/);
    expect(fieldErrors({ ...valid, authMethod: 'telnet' }).authMethod?.[0]).toMatch(/private key or password/);
  });

  it('refuses control characters in a password and malformed labels', () => {
    expect(fieldErrors({ ...valid, password: 'a\nb' }).password?.length).toBeGreaterThan(0);
    expect(fieldErrors({ ...valid, labels: 'ok, bad label' }).labels?.length).toBeGreaterThan(0);
  });

  it('lets an edit leave the secret empty', () => {
    expect(updateHostSchema.safeParse({ ...valid, id: '7', password: '' }).success).toBe(true);
    expect(fieldErrors({ ...valid, id: '7;drop' }, updateHostSchema).id?.length).toBeGreaterThan(0);
  });
});
