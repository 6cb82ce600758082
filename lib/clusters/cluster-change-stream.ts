import type { ClusterTick } from '@/lib/monitor/types';
import { eventStream, type EventStreamOptions } from '@/lib/server/event-stream';
import { topologySignature } from './tick-member-states';

/** What changed: `alerts` (an alert opened or resolved), `topology` (a member's state or role). */
export type ClusterChange = 'alerts' | 'topology';

export interface ClusterChangeSource {
  /** This cluster's ticks as the poller publishes them (only in the instance that polls). */
  readonly subscribeTicks: (listener: (tick: ClusterTick) => void) => () => void;
  /** This cluster's alert openings and resolutions as alerting writes them (same instance). */
  readonly subscribeAlerts: (listener: () => void) => () => void;
  /** Epoch ms of the cluster's newest alert opening or resolution in storage, null for none. */
  readonly readAlertStamp: () => Promise<number | null>;
  readonly now: () => number;
}

export interface ClusterChangeOptions extends EventStreamOptions {
  /** When the client's page was rendered (epoch ms): alert changes after it are news. */
  readonly since: number;
  /** Without a bus tick for this long, alert changes are read from the database instead. */
  readonly busSilenceMs?: number;
  readonly tailEveryMs?: number;
}

/**
 * A server-sent event stream that says when the cluster page's alerts, incident banner or
 * topology would show something else (`event: change`, data `{"what":"alerts"|"topology"}`),
 * and nothing else: no host address, error text or secret leaves the server, the page
 * re-renders itself. Alert changes come from the alert bus at once; when this instance does
 * not poll (no tick for `busSilenceMs`), from the stored events every `tailEveryMs`, and
 * once on connect for a change since `since`. A topology change is a tick whose
 * topologySignature differs from the previous tick's.
 */
export function clusterChangeStream(source: ClusterChangeSource, options: ClusterChangeOptions): ReadableStream<Uint8Array> {
  const busSilenceMs = options.busSilenceMs ?? 3000;
  let lastBus = Number.NEGATIVE_INFINITY;
  let alertStamp = options.since;
  let topology: string | null = null;
  let reading = false;

  return eventStream(options, (write) => {
    const send = (what: ClusterChange) => write(`event: change\ndata: ${JSON.stringify({ what })}\n\n`);
    const readStamp = () => {
      if (reading) return;
      reading = true;
      source
        .readAlertStamp()
        .then((stamp) => {
          if (stamp === null || stamp <= alertStamp) return;
          alertStamp = stamp;
          send('alerts');
        }, (error: unknown) => console.error('[tandem] cluster stream read failed', error))
        .finally(() => {
          reading = false;
        });
    };
    const unsubscribeTicks = source.subscribeTicks((tick) => {
      lastBus = source.now();
      const signature = topologySignature(tick);
      if (topology !== null && signature !== topology) send('topology');
      topology = signature;
    });
    const unsubscribeAlerts = source.subscribeAlerts(() => {
      alertStamp = Math.max(alertStamp, source.now());
      send('alerts');
    });
    readStamp();
    const tail = setInterval(() => {
      if (source.now() - lastBus >= busSilenceMs) readStamp();
    }, options.tailEveryMs ?? 2000);
    return () => {
      clearInterval(tail);
      unsubscribeTicks();
      unsubscribeAlerts();
    };
  });
}
