import { z } from 'zod';
import { decimalIdField } from '@/lib/format/typed-text';

/** A time as sent: ISO 8601 in UTC. */
export const isoTime = z.iso.datetime();
export const nullableTime = isoTime.nullable();

/** A record's id in a path (`/clusters/{id}`): decimal digits, else there is no such resource. */
export const idParams = z.object({ id: decimalIdField('Unknown id.').meta({ description: 'Decimal id', example: '1', param: { description: 'Decimal id' } }) });

/** An optional `?cluster=` filter: a cluster's id. */
export const clusterFilter = decimalIdField('Give a cluster id: decimal digits.').optional().meta({ description: 'Only this cluster (its id)', example: '1' });

/** `Date | null` to what the schemas above send. */
export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
