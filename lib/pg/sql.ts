import { z } from 'zod';
import { quoteIdent, quoteLiteral } from './quote-ident';

declare const sqlTextBrand: unique symbol;

/**
 * SQL text Tandem wrote itself: only the {@link sql} tag and the helpers in this module make
 * one, so a value from a user, a host or the database can reach SQL only as a psql variable
 * (`:'name'`), a quoted identifier ({@link ident}) or a quoted literal ({@link literal}).
 */
export type SqlText = string & { readonly [sqlTextBrand]: true };

function brand(text: string): SqlText {
  return text as SqlText;
}

function isTemplate(strings: unknown): strings is TemplateStringsArray {
  return Array.isArray(strings) && Object.isFrozen(strings) && 'raw' in strings && Array.isArray(strings.raw);
}

/**
 * The one way to write SQL: `sql\`SELECT … WHERE name = :'name'\``. Interpolations must be
 * SqlText themselves (a fragment, {@link ident}, {@link literal}, {@link settingName}); a plain
 * string is refused by the type checker.
 */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlText[]): SqlText {
  if (!isTemplate(strings)) throw new TypeError('sql must be used as a tagged template');
  let text = strings[0] ?? '';
  parts.forEach((part, index) => {
    if (typeof part !== 'string') throw new TypeError('sql: only SqlText may be interpolated; pass values as psql variables');
    text += part + (strings[index + 1] ?? '');
  });
  return brand(text);
}

/** A quoted identifier (role, slot, database). */
export function ident(name: string): SqlText {
  return brand(quoteIdent(name));
}

/** A quoted literal, for utility statements that take no psql variables. Prefer `:'name'`. */
export function literal(value: string): SqlText {
  return brand(quoteLiteral(value));
}

const SETTING_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** True for a PostgreSQL configuration parameter name as Tandem writes them (`max_wal_senders`). */
export function isSettingName(name: string): boolean {
  return SETTING_NAME.test(name);
}

/** A configuration parameter's name for `ALTER SYSTEM SET name` and `SHOW name`; throws on anything else. */
export function settingName(name: string): SqlText {
  if (!isSettingName(name)) throw new TypeError(`Invalid setting name ${JSON.stringify(name.slice(0, 80))}: use lower-case letters, digits and _`);
  return brand(name);
}

/** Joins fragments with `separator` (itself SqlText). */
export function joinSql(parts: readonly SqlText[], separator: SqlText): SqlText {
  return brand(parts.join(separator));
}

/** One row of a psql result: every value text or NULL. */
export type SqlRow = Readonly<Record<string, string | null>>;

/** Thrown when a query's rows do not have the shape its caller expects. */
export class RowShapeError extends Error {
  constructor(what: string, issues: string) {
    super(`${what} returned rows Tandem does not understand (${issues}); the server may be a version Tandem does not support.`);
    this.name = 'RowShapeError';
  }
}

/** A {@link RowShapeError}, by name, not instanceof: Next bundles modules more than once. */
export function isRowShapeError(error: unknown): error is RowShapeError {
  return error instanceof Error && error.name === 'RowShapeError';
}

/** Decodes every row with `schema`; `what` names the query in the error. */
export function decodeRows<T>(rows: readonly SqlRow[], schema: z.ZodType<T>, what: string): T[] {
  const parsed = z.array(schema).safeParse(rows);
  if (!parsed.success) throw new RowShapeError(what, parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

/** Column decoders for psql's text output. */
export const pgText = {
  /** `t` or `f`. */
  bool: z.enum(['t', 'f']).transform((value) => value === 't'),
  /** A whole number (bigint columns arrive as text). */
  int: z.string().regex(/^-?\d+$/).transform(Number),
  /** An LSN such as `0/3000148`. */
  lsn: z.string().regex(/^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/),
  text: z.string(),
};
