/**
 * Setup file of the `lab` vitest project: every test file starts on a freshly built lab
 * of plain hosts, whatever the file before it left (a cluster set up, a host stopped),
 * so no lab test depends on the order vitest runs the files in.
 */
import { beforeAll } from 'vitest';
import { labUp } from './client';

beforeAll(async () => {
  await labUp(Number(process.env.TANDEM_LAB_HOSTS || 3), { fresh: true });
}, 180_000);
