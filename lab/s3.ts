/**
 * An S3-compatible server for lab tests (s3rver), on the machine's side of the lab bridge,
 * which the hosts know as `lab-gateway`. It serves TLS with a certificate for that name from a
 * CA made for the run, so pgBackRest checks it (verify-tls on, the CA handed over as a file).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import S3rver from 's3rver';

const run = promisify(execFile);

export const LAB_S3_NAME = 'lab-gateway';
/** s3rver's one account. */
export const LAB_S3_KEY = 'S3RVER';
export const LAB_S3_SECRET = 'S3RVER';

export interface LabS3 {
  readonly endpoint: string;
  readonly port: number;
  readonly bucket: string;
  readonly caPem: string;
  close(): Promise<void>;
}

async function makeCertificates(dir: string): Promise<{ key: Buffer; cert: Buffer; caPem: string }> {
  const ssl = (...args: string[]) => run('openssl', args, { cwd: dir });
  await ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Tandem lab S3 CA', '-days', '2');
  await ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${LAB_S3_NAME}`);
  await writeFile(path.join(dir, 'ext'), `subjectAltName=DNS:${LAB_S3_NAME}\n`);
  await ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext');
  return { key: await readFile(path.join(dir, 'server.key')), cert: await readFile(path.join(dir, 'server.pem')), caPem: await readFile(path.join(dir, 'ca.pem'), 'utf8') };
}

/** Starts the server with one bucket on the lab gateway; `close` stops it and removes its data. */
export async function startLabS3(options: { readonly gateway: string; readonly port: number; readonly bucket: string }): Promise<LabS3> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tandem-lab-s3-'));
  const { key, cert, caPem } = await makeCertificates(dir);
  const server = new S3rver({
    address: options.gateway, port: options.port, key, cert, silent: true, vhostBuckets: false, resetOnClose: true,
    directory: path.join(dir, 'data'), configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  await server.run();
  return {
    endpoint: LAB_S3_NAME, port: options.port, bucket: options.bucket, caPem,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
