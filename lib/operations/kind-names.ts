/**
 * The names of Tandem's operation kinds, for code that must not load the kinds themselves
 * (pages, the database adapter). lib/operations/registry.ts holds the definitions and
 * fails to compile when the two lists disagree.
 */
export const OPERATION_KIND_NAMES = ['check-cluster', 'setup', 'add-replica', 'enable-monitoring', 'promote', 'switchover', 'rejoin', 'drill', 'renew-certificates', 'enable-backups', 'backup', 'restore', 'restore-drill'] as const;
export type OperationKindName = (typeof OPERATION_KIND_NAMES)[number];

/** The kinds that change which member is primary or how members replicate: the failover history lists them. */
export const FAILOVER_KIND_NAMES = ['promote', 'switchover', 'drill', 'rejoin'] as const satisfies readonly OperationKindName[];

/** The kinds that take, restore or drill backups: the Backups tab lists them. */
export const BACKUP_KIND_NAMES = ['enable-backups', 'backup', 'restore', 'restore-drill'] as const satisfies readonly OperationKindName[];
