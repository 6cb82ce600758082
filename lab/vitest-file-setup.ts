/**
 * Setup file of the `lab` vitest project: every test file starts on a freshly built lab
 * of plain hosts, whatever the file before it left (a cluster set up, a host stopped),
 * so no lab test depends on the order vitest runs the files in.
 */
import { beforeAll, expect } from 'vitest';
import { LAB_CELLS, labCellOfFile, labUp, parseLabImageSpec } from './client';

beforeAll(async () => {
  // A matrix file (lib/matrix/<cell>.lab.test.ts) runs on its cell; any other file on the
  // machine's root, or on TANDEM_LAB_IMAGES (e.g. pg1=trixie-pg17,pg2=trixie-pg17) when set.
  const cell = labCellOfFile(expect.getState().testPath ?? '');
  const images = cell ? LAB_CELLS[cell] : parseLabImageSpec(process.env.TANDEM_LAB_IMAGES ?? '');
  await labUp(Number(process.env.TANDEM_LAB_HOSTS || 3), { fresh: true, images });
}, 900_000);
