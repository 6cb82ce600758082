import 'server-only';
import './promote-kind';
import './rejoin-kind';
import './switchover-kind';
import './drill-kind';

/** Failover operation kinds, registered for their effect when lib/server/runner-kinds.ts imports this module. */
export const REGISTERED_FAILOVER_KINDS = ['promote', 'rejoin', 'switchover', 'drill'] as const;
