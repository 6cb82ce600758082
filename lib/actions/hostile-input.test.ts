import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { formData, TEST_USERS } from '@/lib/testing/action-fixtures';
import { HOSTILE_VALUES, type HostileValue } from '@/lib/testing/hostile-values';
import { serverExports } from '@/lib/testing/server-actions';
import { tableSnapshot } from '@/lib/testing/table-snapshot';
import { actionDefinition } from './define-action';
import type { FieldRule, FormCase } from './testing/hostile-forms';
import type { Measured, ServerAction } from './testing/hostile-judge';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'd'.repeat(64);

vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => TEST_USERS.admin, requireUser: async () => TEST_USERS.admin }));
vi.mock('next/headers', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/cache', () => import('@/lib/testing/next-request-mock'));
vi.mock('next/navigation', () => import('@/lib/testing/next-request-mock'));

const { database } = await import('@/lib/db/client');
const { webhooksIdle } = await import('@/lib/alerts/delivery-queue');
const { seedHostileFixture } = await import('./testing/hostile-fixture');
const { hostileArguments, hostileForms } = await import('./testing/hostile-forms');
const { hostileJudge, succeeded } = await import('./testing/hostile-judge');

const { files: serverFiles, exports: found } = await serverExports(import.meta.dirname);

const actions = found.map(({ file, name, value }) => {
  const definition = actionDefinition(value);
  if (typeof value !== 'function') throw new Error(`${file} exports ${name}, which is not a server action`);
  return { name, run: value as ServerAction, input: definition?.input, schema: definition?.schema };
});

const fixture = await seedHostileFixture();
const sql = (await database()).driver.sql;
const forms = hostileForms(fixture);
const baselineArguments = hostileArguments(fixture);
const snapshot = await tableSnapshot(sql, ['audit_events']);
const judging = hostileJudge({ listener: fixture.listener, snapshot, sql, auditTable: 'audit_events' });

afterAll(async () => {
  await webhooksIdle();
  await fixture.close();
});

/** Where each action defined to read nothing posted ends up: any body is ignored and it does its one thing. */
const TAKE_NO_INPUT: Record<string, string> = { signOut: '/sign-in' };

/** What a direct POST can decode to instead of the form the page sends. */
const NOT_A_FORM: { label: string; value: unknown }[] = [
  { label: 'an empty list', value: [] },
  { label: 'an empty object', value: {} },
  { label: 'null', value: null },
  { label: 'undefined', value: undefined },
  { label: 'a string', value: 'id=1' },
  { label: 'a number', value: 7 },
  { label: 'an object whose entries is not a function', value: { entries: [['id', '1']], get: 'x' } },
];

describe('server actions given something other than what they expect', () => {
  it('finds every exported action, including the sign-in and first-admin forms', () => {
    expect(actions.length).toBe(new Set(actions.map((action) => action.name)).size);
    expect(actions.map((action) => action.name)).toEqual(expect.arrayContaining(['signIn', 'createFirstAdminAccount', 'signOut', 'assessPromote', 'createHost']));
    expect(actions.length).toBeGreaterThanOrEqual(serverFiles.length);
  });

  const cases = actions.flatMap((action) => NOT_A_FORM.map((input) => ({ ...input, ...action })));

  it.each(cases.filter((c) => c.input !== 'none'))('$name answers $label with an error value instead of throwing', async ({ run, value }) => {
    const result = await run(value, value).catch((error: unknown) => ({ threw: String(error) }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/\w/) });
    // Signed in as an admin, so the answer is about the input, not a refused session or role.
    expect((result as { message: string }).message).not.toMatch(/Sign in again|cannot do this/);
  });

  it.each(cases.filter((c) => c.input === 'none'))('$name ignores $label and does its one thing', async ({ name, run, value }) => {
    const outcome = await run(value, value).then(
      () => ({ redirectedTo: null }),
      (error: { to?: string }) => ({ redirectedTo: error.to ?? String(error) }),
    );
    expect(outcome).toEqual({ redirectedTo: TAKE_NO_INPUT[name] });
  });
});

/** The fields a form's schema reads (its object's keys, through refinements and transforms). */
function schemaFields(schema: z.ZodType | undefined): string[] {
  if (schema instanceof z.ZodPipe) return schemaFields(schema.in as z.ZodType);
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  return [];
}

/** The baseline form with `field` (and the fields posted with it) set to `value`; a repeated field has its first entry replaced. */
function withField(form: FormCase['form'], field: string, rule: FieldRule, value: string): FormData {
  const fields: Record<string, string | readonly string[]> = { ...form };
  for (const name of [field, ...(rule.together ?? [])]) {
    const current = fields[name];
    fields[name] = Array.isArray(current) ? [value, ...current.slice(1)] : value;
  }
  return formData(fields);
}

let fieldsFed = 0;

/** Every hostile value in turn through `post`; the problems found, each named by its value's class and label. */
async function feedAll(post: (hostile: HostileValue) => Promise<string[]>): Promise<string[]> {
  fieldsFed += 1;
  const problems: string[] = [];
  for (const hostile of HOSTILE_VALUES) problems.push(...(await post(hostile)).map((problem) => `${hostile.class}/${hostile.label}: ${problem}`));
  return problems;
}

// The hostile-input suite: every catalogue value in every field of every action, judged by the rules in testing/hostile-judge.ts.
describe('the hostile-input suite', () => {
  const formActions = actions.filter((action) => action.input === 'form');
  const argumentActions = actions.filter((action) => action.input === 'argument');

  it('has a baseline for every action that takes input, naming every field its schema reads', () => {
    expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(HOSTILE_VALUES.map((hostile) => hostile.label)).size).toBe(HOSTILE_VALUES.length);
    expect(formActions.map((action) => action.name).sort()).toEqual(Object.keys(forms).sort());
    expect(argumentActions.map((action) => action.name).sort()).toEqual(Object.keys(baselineArguments).sort());
    for (const action of formActions) expect([action.name, Object.keys(forms[action.name]?.fields ?? {}).sort()]).toEqual([action.name, schemaFields(action.schema).sort()]);
  });

  describe.each(formActions)('$name', ({ name, run }) => {
    const form = forms[name];
    let baseline: Measured;
    beforeAll(async () => {
      if (!form) throw new Error(`no baseline form for ${name}`);
      baseline = await judging.baseline(run, [null, formData(form.form)]);
      if ('threw' in baseline.outcome) throw new Error(`the baseline form threw: ${baseline.outcome.threw}`);
      // A field whose stored value is checked needs a baseline that stores it.
      if (Object.values(form.fields).some((rule) => rule.stored) && !succeeded(baseline.outcome)) throw new Error(`the baseline form was refused: ${JSON.stringify(baseline.outcome)}`);
    });

    it.each(Object.entries(form?.fields ?? {}).map(([field, rule]) => ({ field, rule })))('field $field: every hostile value is refused or kept verbatim', async ({ field, rule }) => {
      if (!form) throw new Error(`no baseline form for ${name}`);
      expect(await feedAll((hostile) => judging.judge(run, [null, withField(form.form, field, rule, hostile.value)], rule, hostile, baseline))).toEqual([]);
      expect(await snapshot.changed()).toEqual([]);
    }, 120_000);
  });

  describe.each(argumentActions)('$name (called with one argument)', ({ name, run }) => {
    it('refuses every hostile value in place of its argument', async () => {
      const baseline = await judging.baseline(run, [baselineArguments[name]]);
      expect(baseline.outcome).toMatchObject({ ok: true });
      expect(await feedAll((hostile) => judging.judge(run, [hostile.value], {}, hostile, baseline))).toEqual([]);
    });
  });

  afterAll(() => {
    process.stdout.write(`hostile-input suite: ${HOSTILE_VALUES.length} values × ${fieldsFed} fields = ${judging.cases()} cases, all refused or stored verbatim\n`);
  });
});
