import type { StepContext } from '@/lib/replication/engine/types';

/** Runs SQL on a host, recording it first; returns the first row. */
export async function sqlRow(ctx: StepContext, host: string, sql: string, params: Readonly<Record<string, string>> = {}, timeoutMs = 15_000): Promise<Readonly<Record<string, string | null>> | undefined> {
  ctx.record(`[${host} as postgres] psql\n${sql.trim()}${Object.keys(params).length > 0 ? `\n  with ${Object.entries(params).map(([key, value]) => `${key}=${value}`).join(', ')}` : ''}`);
  const result = await ctx.pg.query(host, sql, { params, signal: ctx.signal, timeoutMs });
  return result.rows[0];
}

/** Whether an `... AS ok` query says `t`, without recording it (checks poll). */
export async function sqlOk(ctx: StepContext, host: string, sql: string, params: Readonly<Record<string, string>> = {}, timeoutMs = 10_000): Promise<boolean> {
  const result = await ctx.pg.query(host, sql, { params, signal: ctx.signal, timeoutMs });
  return result.rows[0]?.ok === 't';
}

/** Polls `until` every `intervalMs` until it holds or `timeoutMs` passes; returns the ms it took or null. */
export async function pollUntil(ctx: StepContext, until: () => Promise<boolean>, intervalMs: number, timeoutMs: number): Promise<number | null> {
  const started = ctx.clock.now().getTime();
  for (;;) {
    if (await until().catch(() => false)) return ctx.clock.now().getTime() - started;
    if (ctx.clock.now().getTime() - started > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    ctx.signal.throwIfAborted();
  }
}

/** Rejects with `message` when `work` does not settle within `ms` (the work itself goes on). */
export function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    work.then((value) => { clearTimeout(timer); resolve(value); }, (error: unknown) => { clearTimeout(timer); reject(error); });
  });
}
