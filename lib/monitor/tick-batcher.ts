import type { ClusterTick } from './types';

interface Waiting {
  readonly tick: ClusterTick;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface TickBatcherOptions {
  /** How long the first tick of a batch waits for others; default 100 ms. */
  readonly lingerMs?: number;
  /** A batch this large is stored at once; default 500 ticks. */
  readonly maxTicks?: number;
}

/**
 * Gathers the ticks that clusters finish within `lingerMs` of each other and stores them
 * with one `store` call, one batch at a time, so hundreds of clusters polled every second
 * cost about ten commits a second instead of one per cluster tick. `write` resolves once
 * its batch is stored, or rejects with the batch's error, so a loop still publishes a tick
 * only after it is stored. `flush` stores what waits now (on stop).
 */
export class TickBatcher {
  readonly #store: (ticks: readonly ClusterTick[]) => Promise<void>;
  readonly #lingerMs: number;
  readonly #maxTicks: number;
  #waiting: Waiting[] = [];
  #timer: NodeJS.Timeout | null = null;
  #chain: Promise<void> = Promise.resolve();

  constructor(store: (ticks: readonly ClusterTick[]) => Promise<void>, options: TickBatcherOptions = {}) {
    this.#store = store;
    this.#lingerMs = options.lingerMs ?? 100;
    this.#maxTicks = options.maxTicks ?? 500;
  }

  write(tick: ClusterTick): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ tick, resolve, reject });
      if (this.#waiting.length >= this.#maxTicks) void this.flush();
      else this.#timer ??= setTimeout(() => void this.flush(), this.#lingerMs);
    });
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#waiting;
    this.#waiting = [];
    if (batch.length > 0) {
      this.#chain = this.#chain.then(() => this.#store(batch.map((entry) => entry.tick)).then(
        () => batch.forEach((entry) => entry.resolve()),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      ));
    }
    return this.#chain;
  }
}
