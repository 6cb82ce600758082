import { z } from 'zod';
import type { ObservedReceiver, ObservedWalSender } from './import-decide';

const sendersSchema = z.array(z.object({
  clientAddr: z.string().nullable(), applicationName: z.string(), state: z.string().nullable(), syncState: z.string().nullable(), usename: z.string().nullable(), slotName: z.string().nullable(),
}));
const receiversSchema = z.array(z.object({ status: z.string().nullable(), sender_host: z.string().nullable().optional(), conninfo: z.string().nullable().optional() }));

/** `host=` of a libpq conninfo string (as pg_stat_wal_receiver shows it, passwords obscured). */
export function conninfoHost(conninfo: string): string | null {
  const match = /(?:^|\s)host\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/.exec(conninfo);
  const value = match?.[1];
  if (!value) return null;
  return value.startsWith("'") ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/** The WAL receiver from the probe's JSON (`to_jsonb` of the row, so columns a version lacks are absent). */
export function receiverOf(json: string | null): ObservedReceiver | null {
  const [row] = receiversSchema.parse(JSON.parse(json ?? '[]'));
  if (!row) return null;
  return { status: row.status ?? 'unknown', senderHost: row.sender_host ?? (row.conninfo ? conninfoHost(row.conninfo) : null) };
}

/** The walsenders from the probe's JSON. */
export function sendersOf(json: string | null): ObservedWalSender[] {
  return sendersSchema.parse(JSON.parse(json ?? '[]')).map((row) => ({
    clientAddr: row.clientAddr, applicationName: row.applicationName, state: row.state ?? 'unknown', syncState: row.syncState ?? 'unknown', usename: row.usename ?? '', slotName: row.slotName,
  }));
}
