import type { SqlRunner } from '@/lib/db/driver';
import { webhooksIdle } from '@/lib/alerts/delivery-queue';
import { waitForOperation } from '@/lib/operations/runner';
import { isBlank, isPlainWord, type HostileValue } from '@/lib/testing/hostile-values';
import type { TableSnapshot } from '@/lib/testing/table-snapshot';
import type { CountingListener } from './hostile-fixture';
import type { FieldRule } from './hostile-forms';

/*
 * The rules of the hostile-input suite, for one case (an otherwise valid form, posted by an admin,
 * with one field set to a hostile value):
 *
 * - Refused: `{ ok: false, message }` with a clear message (no stack, no `undefined`, no internal
 *   error or zod's default wording, not a dump of the input); no row written, but refusal records
 *   in the audit log (outcome failed or denied); no connection to any host of the inventory, but
 *   for a typed confirmation the guard rails judge with a fresh reading (FieldRule.judgedWithReading),
 *   which may take the baseline's read-only probes.
 * - Or accepted, only where the field's rule allows that value (free text takes anything, names
 *   take plain words, optional fields take blanks): the action answers as it does for the baseline
 *   form, reaches no more hosts than it does, and stores the value verbatim (trimmed where the form
 *   trims), never interpreted.
 *
 * Rows a case wrote are put back before the next one.
 */

export type ServerAction = (...args: unknown[]) => Promise<unknown>;

export type Outcome =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly message: string; readonly fieldErrors?: Record<string, string[] | undefined> }
  | { readonly redirect: string }
  | { readonly threw: string };

export interface Measured {
  readonly outcome: Outcome;
  readonly connections: number;
  /** Rows written per table, but the audit log's. */
  readonly written: Record<string, number>;
  readonly auditOutcomes: readonly string[];
}

async function post(run: ServerAction, args: unknown[]): Promise<Outcome> {
  try {
    return (await run(...args)) as Outcome;
  } catch (error) {
    const to = (error as { to?: unknown }).to;
    return typeof to === 'string' ? { redirect: to } : { threw: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

export const succeeded = (outcome: Outcome) => ('ok' in outcome && outcome.ok) || 'redirect' in outcome;

function sameOutcome(outcome: Outcome, baseline: Outcome): boolean {
  if (succeeded(outcome) || succeeded(baseline)) return succeeded(outcome) && succeeded(baseline);
  return 'message' in outcome && 'message' in baseline && outcome.message === baseline.message;
}

const INTERNAL = /\n\s+at |undefined|\[object |Cannot read prop|is not a function|TypeError|PrismaClient|Invalid `|prisma\.|Unexpected token|\u0000|^Invalid (input|option)|: Invalid (input|option)|^Too (big|small): expected/;

function unclear(message: unknown): string | null {
  if (typeof message !== 'string' || !/\w/.test(message)) return 'no message';
  if (message.length > 600) return `a message of ${message.length} characters`;
  return INTERNAL.test(message) ? `an internal message: ${JSON.stringify(message.slice(0, 200))}` : null;
}

function mayAccept(rule: FieldRule, hostile: HostileValue): boolean {
  const accepts = rule.accepts ?? [];
  if (accepts === 'any') return true;
  return accepts.includes(hostile.label) || (accepts.includes('words') && isPlainWord(hostile)) || (accepts.includes('blank') && isBlank(hostile));
}

/** Lets what a case started finish: an operation it started, webhook deliveries it queued. */
async function settle(outcome: Outcome): Promise<void> {
  const operationId = 'ok' in outcome && outcome.ok ? (outcome.data as { operationId?: unknown } | null)?.operationId : undefined;
  if (typeof operationId === 'number') await waitForOperation(operationId);
  await webhooksIdle();
}

async function acceptedProblems(outcome: Outcome, measured: Measured, rule: FieldRule, hostile: HostileValue, baseline: Measured): Promise<string[]> {
  const problems: string[] = [];
  if (!mayAccept(rule, hostile)) problems.push(`was accepted (${JSON.stringify(outcome).slice(0, 200)})`);
  if (measured.connections > baseline.connections) problems.push(`made ${measured.connections} connections, the baseline ${baseline.connections}`);
  // A form carries text as Unicode scalar values: a lone surrogate arrives as U+FFFD, as it would in any UTF-8 body.
  const posted = hostile.value.toWellFormed();
  const expected = rule.trimmed ? posted.trim() : posted;
  if (rule.stored && succeeded(outcome)) {
    const stored = await rule.stored(expected);
    if (stored !== expected) problems.push(`stored ${JSON.stringify(stored?.slice(0, 80))} for ${JSON.stringify(expected.slice(0, 80))}`);
  }
  return problems;
}

function refusedProblems(outcome: Extract<Outcome, { ok: false }>, measured: Measured, rule: FieldRule, baseline: Measured): string[] {
  const problems = [outcome.message, ...Object.values(outcome.fieldErrors ?? {}).flat()].flatMap((message) => {
    const why = unclear(message);
    return why ? [`was refused with ${why}`] : [];
  });
  const refusal = `was refused (${outcome.message.slice(0, 120)})`;
  if (measured.connections > (rule.judgedWithReading ? baseline.connections : 0)) problems.push(`${refusal} after ${measured.connections} connections to hosts`);
  const wrote = Object.entries(measured.written).map(([table, rows]) => `${rows} rows of ${table}`);
  if (wrote.length > 0) problems.push(`${refusal} but wrote ${wrote.join(', ')}`);
  if (measured.auditOutcomes.includes('ok')) problems.push(`${refusal} but audited as done`);
  return problems;
}

/** Runs cases against the fixture: what each did (connections to `listener`, rows counted by `snapshot`) and what is wrong with it. */
export function hostileJudge(context: { readonly listener: CountingListener; readonly snapshot: TableSnapshot; readonly sql: SqlRunner; readonly auditTable: string }) {
  const { listener, snapshot, sql, auditTable } = context;
  let cases = 0;

  /** Runs `args` and says what it did. */
  async function measure(run: ServerAction, args: unknown[]): Promise<Measured> {
    const connectionsBefore = listener.connections();
    const before = await snapshot.writes();
    const outcome = await post(run, args);
    await settle(outcome);
    const after = await snapshot.writes();
    const written: Record<string, number> = {};
    let audited = 0;
    for (const [table, count] of Object.entries(after)) {
      const rows = count - (before[table] ?? 0);
      if (rows > 0 && table === auditTable) audited = rows;
      else if (rows > 0) written[table] = rows;
    }
    const auditOutcomes = audited > 0 ? (await sql.query<{ outcome: string }>(`SELECT outcome FROM ${auditTable} ORDER BY id DESC LIMIT $1`, [audited])).map((row) => row.outcome) : [];
    return { outcome, connections: listener.connections() - connectionsBefore, written, auditOutcomes };
  }

  /** Puts back the rows a case wrote (the audit log keeps its records). */
  const putBack = (measured: Measured) => snapshot.restore(Object.keys(measured.written));

  async function problems(measured: Measured, rule: FieldRule, hostile: HostileValue, baseline: Measured): Promise<string[]> {
    const { outcome } = measured;
    if ('threw' in outcome) return [`threw ${outcome.threw.slice(0, 300)}`];
    if (sameOutcome(outcome, baseline.outcome)) return acceptedProblems(outcome, measured, rule, hostile, baseline);
    if (succeeded(outcome)) return [`succeeded where the baseline did not: ${JSON.stringify(outcome).slice(0, 200)}`];
    return refusedProblems(outcome as Extract<Outcome, { ok: false }>, measured, rule, baseline);
  }

  return {
    /** The baseline form's run, which every case of the action is judged against. */
    async baseline(run: ServerAction, args: unknown[]): Promise<Measured> {
      const measured = await measure(run, args);
      await putBack(measured);
      return measured;
    },
    /** What is wrong with one hostile case. */
    async judge(run: ServerAction, args: unknown[], rule: FieldRule, hostile: HostileValue, baseline: Measured): Promise<string[]> {
      cases += 1;
      const measured = await measure(run, args);
      const found = await problems(measured, rule, hostile, baseline);
      await putBack(measured);
      return found;
    },
    cases: () => cases,
  };
}
