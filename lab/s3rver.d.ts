/** The part of s3rver (an S3-compatible test server, no types of its own) the lab uses. */
declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    key?: string | Buffer;
    cert?: string | Buffer;
    silent?: boolean;
    directory?: string;
    vhostBuckets?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
