import 'server-only';
import { sessionUser, type CurrentUser } from '@/lib/auth/current-user';
import { can, type Permission } from '@/lib/auth/roles';
import type { StreamLease } from './event-stream';

/** How often an open event stream checks again that its reader's session still allows it. */
export const STREAM_RECHECK_MS = 20_000;

/** Event streams one user may hold open at once, across every stream route of this process. */
export const MAX_STREAMS_PER_USER = 8;

const GLOBAL_KEY = Symbol.for('tandem.stream-leases');

/** Open streams per user id. On globalThis: Next bundles this module once per route, and the cap spans them all. */
function openStreams(): Map<string, number> {
  const holder = globalThis as { [GLOBAL_KEY]?: Map<string, number> };
  holder[GLOBAL_KEY] ??= new Map();
  return holder[GLOBAL_KEY];
}

/** Why a user may open no more streams now: how many they hold, and what to do. */
export function tooManyStreamsMessage(open: number): string {
  return `You have ${open} live views open in Tandem, the most one user may have at once: close other Tandem tabs or windows, then reload this page.`;
}

export type StreamLeaseClaim = { ok: true; lease: StreamLease } | { ok: false; open: number };

/**
 * A slot for one event stream of `user`, who was just found allowed `permission` for the
 * request carrying `requestHeaders`; refused while the user holds {@link MAX_STREAMS_PER_USER}.
 * The lease re-reads that session every {@link STREAM_RECHECK_MS} (without extending it) and
 * ends the stream once it is gone, its account disabled, or its role no longer allows
 * `permission`; its release frees the slot.
 */
export function claimStreamLease(requestHeaders: Headers, user: CurrentUser, permission: Permission): StreamLeaseClaim {
  const session = new Headers(requestHeaders);
  return claimStreamSlot(user.id, async () => {
    const now = await sessionUser(session, { refresh: false });
    if (!now || now.id !== user.id) return 'Your session has ended. Sign in again.';
    return can(now.role, permission) ? null : `Your role (${now.role}) no longer allows this view.`;
  });
}

/**
 * One of `userId`'s stream slots (the same {@link MAX_STREAMS_PER_USER} whatever the stream
 * authenticates with), whose lease asks `recheck` every {@link STREAM_RECHECK_MS} whether the
 * stream may go on (null) or why it ends; its release frees the slot.
 */
export function claimStreamSlot(userId: string, recheck: () => Promise<string | null>): StreamLeaseClaim {
  const streams = openStreams();
  const open = streams.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) return { ok: false, open };
  streams.set(userId, open + 1);
  let released = false;
  return {
    ok: true,
    lease: {
      recheckEveryMs: STREAM_RECHECK_MS,
      recheck,
      release() {
        if (released) return;
        released = true;
        const left = (streams.get(userId) ?? 1) - 1;
        if (left > 0) streams.set(userId, left);
        else streams.delete(userId);
      },
    },
  };
}
