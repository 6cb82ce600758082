import { z } from 'zod';
import { pgText, sql } from '@/lib/pg/sql';
import { StepFailure, type PgProbe, type Step, type StepContext } from '@/lib/replication/engine';
import { queryOk, queryRows } from '@/lib/replication/engine/pg-rows';

export const DRILL_TABLE_SQL = sql`CREATE SCHEMA IF NOT EXISTS tandem;
CREATE TABLE IF NOT EXISTS tandem.drill (run text NOT NULL, seq int NOT NULL, written_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (run, seq));`;
export const DRILL_INSERT_SQL = sql`INSERT INTO tandem.drill (run, seq) VALUES (:'run', (:'seq')::int) RETURNING 't' AS ok`;
const WRITABLE_SQL = sql`SELECT NOT pg_is_in_recovery() AS ok`;
const SEQS_SQL = sql`SELECT coalesce(string_agg(seq::text, ','), '') AS seqs FROM tandem.drill WHERE run = :'run'`;
const SEQS_ROW = z.object({ seqs: pgText.text });

/**
 * The drill's client: one insert per transaction into tandem.drill, counting only commits
 * that returned; when a write fails it looks for whichever member accepts writes (as a
 * libpq client with target_session_attrs=read-write would) and goes on there.
 */
export class DrillWriter {
  readonly committed: number[] = [];
  maxGapMs = 0;
  #stopped = false;
  #loop: Promise<void> | null = null;

  constructor(private readonly pg: PgProbe, private readonly members: readonly string[], private readonly run: string, private readonly now: () => number) {}

  start(primary: string): void {
    this.#loop = this.#write(primary);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }

  async #writable(): Promise<string | null> {
    for (const member of this.members) {
      const ok = await queryOk(this.pg, member, WRITABLE_SQL, { timeoutMs: 2_000 }).catch(() => false);
      if (ok) return member;
    }
    return null;
  }

  async #write(first: string): Promise<void> {
    let target: string | null = first;
    let seq = 0;
    let last = this.now();
    while (!this.#stopped) {
      if (target === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        target = await this.#writable();
        continue;
      }
      seq += 1;
      const ok = await queryOk(this.pg, target, DRILL_INSERT_SQL, { params: { run: this.run, seq: String(seq) }, timeoutMs: 3_000 }).catch(() => false);
      if (ok) {
        const at = this.now();
        this.maxGapMs = Math.max(this.maxGapMs, at - last);
        last = at;
        this.committed.push(seq);
      } else {
        target = null;
      }
    }
  }
}

/** Creates the drill table on the primary and starts the writer against it. */
export function startWriterStep(primary: string, holder: { writer: DrillWriter | null }, make: (ctx: StepContext) => DrillWriter): Step {
  return {
    name: `Start a drill client writing to ${primary}`,
    host: primary,
    deadlineMs: 30_000,
    describe: () => ({ commands: [`[${primary}] ${DRILL_TABLE_SQL}`, `(Tandem) one transaction at a time: ${DRILL_INSERT_SQL}`] }),
    check: async () => false,
    async run(ctx) {
      ctx.record(`[${primary}] ${DRILL_TABLE_SQL}`);
      await ctx.pg.query(primary, DRILL_TABLE_SQL, { signal: ctx.signal, timeoutMs: 15_000 });
      holder.writer = make(ctx);
      holder.writer.start(primary);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (holder.writer.committed.length === 0) throw new StepFailure(`The drill client could not commit on ${primary}.`);
    },
    async verify() {
      return `The drill client writes to ${primary}.`;
    },
  };
}

/** Stops the writer and compares its committed transactions with what the final primary holds. */
export function countLostStep(primary: string, run: string, holder: { writer: DrillWriter | null }): Step {
  let summary = '';
  return {
    name: `Stop the drill client and count lost transactions on ${primary}`,
    host: primary,
    deadlineMs: 60_000,
    describe: () => ({ commands: [`[${primary}] SELECT seq FROM tandem.drill WHERE run = '<this drill>'`] }),
    check: async () => false,
    async run(ctx) {
      const writer = holder.writer;
      if (!writer) throw new StepFailure('The drill client is not running (a resumed drill cannot count: start a new drill).');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await writer.stop();
      const [row] = await queryRows(ctx.pg, primary, SEQS_SQL, SEQS_ROW, { params: { run }, signal: ctx.signal, timeoutMs: 30_000 });
      const present = new Set((row?.seqs ?? '').split(',').filter(Boolean).map(Number));
      const lost = writer.committed.filter((seq) => !present.has(seq));
      ctx.metric?.('drillCommits', writer.committed.length);
      ctx.metric?.('drillLost', lost.length);
      ctx.metric?.('drillMaxGapMs', writer.maxGapMs);
      summary = `${writer.committed.length} transactions committed by the drill client, ${lost.length} lost; longest gap between commits ${writer.maxGapMs} ms.`;
      ctx.log(summary);
      if (lost.length > 0) ctx.log(`lost: ${lost.slice(0, 50).join(', ')}`);
    },
    async verify() {
      return summary;
    },
  };
}
