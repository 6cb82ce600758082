import 'server-only';
import { addReplicaKind } from './add-replica/kind';
import { backupKind } from './backup/kind';
import { checkClusterKind } from './check-cluster/kind';
import type { OperationKind } from './define-kind';
import { drillKind } from './drill/kind';
import { enableBackupsKind } from './enable-backups/kind';
import { enableMonitoringKind } from './enable-monitoring/kind';
import type { OperationKindName } from './kind-names';
import { promoteKind } from './promote/kind';
import { rejoinKind } from './rejoin/kind';
import { renewCertificatesKind } from './renew-certificates/kind';
import { restoreDrillKind } from './restore-drill/kind';
import { restoreKind } from './restore/kind';
import { setupKind } from './setup/kind';
import { switchoverKind } from './switchover/kind';

/** Every operation kind Tandem can start and resume. A new kind is added here and in kind-names.ts. */
const kinds = [checkClusterKind, setupKind, addReplicaKind, enableMonitoringKind, promoteKind, switchoverKind, rejoinKind, drillKind, renewCertificatesKind, enableBackupsKind, backupKind, restoreKind, restoreDrillKind] as const;

type RegisteredName = (typeof kinds)[number]['kind'];
/** Fails to compile when kind-names.ts and this list disagree. */
const namesMatch: [RegisteredName, OperationKindName] extends [OperationKindName, RegisteredName] ? true : never = true;
void namesMatch;

/** The kind a stored operation names; null for a name this Tandem does not know (a newer or older version wrote it). */
export function findOperationKind(name: string): OperationKind<string, unknown> | null {
  return kinds.find((kind) => kind.kind === name) ?? null;
}
