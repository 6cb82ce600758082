import 'server-only';
import { EventEmitter } from 'node:events';

const KEY = Symbol.for('tandem.alert-bus');

function emitter(): EventEmitter {
  const holder = globalThis as { [KEY]?: EventEmitter };
  holder[KEY] ??= new EventEmitter().setMaxListeners(0);
  return holder[KEY];
}

/**
 * Calls `listener` with the cluster id each time an alert of it is opened or resolved in this
 * process, so open cluster pages show it at once instead of on their next reload. Returns
 * the unsubscribe function.
 */
export function onAlertChange(listener: (clusterId: number) => void): () => void {
  emitter().on('change', listener);
  return () => emitter().off('change', listener);
}

/** Called by alerting after an alert event was written. */
export function publishAlertChange(clusterId: number): void {
  emitter().emit('change', clusterId);
}
