import 'server-only';
import { takeCall, type Bucket } from './token-bucket';

const GLOBAL_KEY = Symbol.for('tandem.api-rate-buckets');

/** One bucket per token id, for this process. On globalThis: Next bundles this module once per route, and the limit spans them all. */
function buckets(): Map<number, Bucket> {
  const holder = globalThis as { [GLOBAL_KEY]?: Map<number, Bucket> };
  holder[GLOBAL_KEY] ??= new Map();
  return holder[GLOBAL_KEY];
}

/** Charges one call to token `tokenId`: null when it may go ahead, else the seconds to wait (Retry-After). */
export function chargeApiCall(tokenId: number, now = Date.now()): number | null {
  const { bucket, retryAfterSeconds } = takeCall(buckets().get(tokenId), now);
  buckets().set(tokenId, bucket);
  return retryAfterSeconds;
}
