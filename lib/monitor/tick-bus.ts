import 'server-only';
import { EventEmitter } from 'node:events';
import type { ClusterTick } from './types';

const KEY = Symbol.for('tandem.tick-bus');

type Listener = (tick: ClusterTick) => void;

function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

/**
 * Hands each stored tick to in-process listeners (live chart streams, alert evaluation,
 * the metrics registry). Listeners must return at once: slow work (webhooks) is queued by
 * the listener, so a slow consumer never delays polling. Returns the unsubscribe function.
 */
export function onClusterTick(listener: Listener): () => void {
  const safe: Listener = (tick) => {
    try {
      listener(tick);
    } catch (error) {
      console.error('[tandem] tick listener failed', error);
    }
  };
  emitter().on('tick', safe);
  return () => emitter().off('tick', safe);
}

/** Called by the poller after a tick is stored. */
export function publishClusterTick(tick: ClusterTick): void {
  emitter().emit('tick', tick);
}
