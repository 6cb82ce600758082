import type { z } from 'zod';
import type { SqlText } from '@/lib/pg/sql';
import { queryOk, queryRows } from '@/lib/replication/engine/pg-rows';
import type { StepContext } from '@/lib/replication/engine/types';

type Params = Readonly<Record<string, string>>;

function recordQuery(ctx: StepContext, host: string, text: SqlText, params: Params): void {
  const shown = Object.entries(params).map(([key, value]) => `${key}=${value}`).join(', ');
  ctx.record(`[${host} as postgres] psql\n${text.trim()}${shown ? `\n  with ${shown}` : ''}`);
}

/** Runs SQL whose rows nobody reads on a host, recording it first. */
export async function sqlRun(ctx: StepContext, host: string, text: SqlText, params: Params = {}, timeoutMs = 15_000): Promise<void> {
  recordQuery(ctx, host, text, params);
  await ctx.pg.query(host, text, { params, signal: ctx.signal, timeoutMs });
}

/** Runs SQL on a host, recording it first; returns the first row decoded with `schema` (undefined when there is none). */
export async function sqlRow<T>(ctx: StepContext, host: string, text: SqlText, schema: z.ZodType<T>, params: Params = {}, timeoutMs = 15_000): Promise<T | undefined> {
  recordQuery(ctx, host, text, params);
  const [row] = await queryRows(ctx.pg, host, text, schema, { params, signal: ctx.signal, timeoutMs });
  return row;
}

/** Whether an `... AS ok` query says true (no row or NULL is false), without recording it (checks poll). */
export function sqlOk(ctx: StepContext, host: string, text: SqlText, params: Params = {}, timeoutMs = 10_000): Promise<boolean> {
  return queryOk(ctx.pg, host, text, { params, signal: ctx.signal, timeoutMs });
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
