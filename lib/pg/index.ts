import 'server-only';

export { quoteIdent, quoteLiteral, isValidRoleName, assertRoleName, isValidSlotName, assertSlotName, isValidApplicationName, assertApplicationName, toSlotName, MAX_IDENTIFIER_BYTES } from './quote-ident';
export { buildConninfo, conninfoValue } from './conninfo';
export { scramSha256Verifier } from './scram';
export { PgError, isPgError, type PgErrorCode, type PgErrorDetails } from './errors';
export { openManagedClient, withManagedClient, describePgTarget, type ManagedPgTarget, type PgVia, DEFAULT_PG_CONNECT_TIMEOUT_MS } from './managed-client';
export { psqlOverSsh, type PsqlOptions, type PsqlResult } from './psql-over-ssh';
export { parseCsv } from './csv';
