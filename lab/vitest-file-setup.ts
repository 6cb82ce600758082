/**
 * Setup file of the `lab` vitest project: every test file starts on a freshly built lab
 * of plain hosts, whatever the file before it left (a cluster set up, a host stopped),
 * so no lab test depends on the order vitest runs the files in.
 */
import { beforeAll } from 'vitest';
import { labUp, parseLabImageSpec } from './client';

beforeAll(async () => {
  // TANDEM_LAB_IMAGES (e.g. pg1=trixie-pg17,pg2=trixie-pg17) boots those hosts from lab images: one cell of the version matrix.
  await labUp(Number(process.env.TANDEM_LAB_HOSTS || 3), { fresh: true, images: parseLabImageSpec(process.env.TANDEM_LAB_IMAGES ?? '') });
}, 900_000);
