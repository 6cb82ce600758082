import { Panel } from '@/components/ui/panel';
import { ArchivingHealth } from './archiving-health';
import type { BackupsView } from '@/lib/db/backups-read';
import { BackupNowForm } from './backup-now-form';
import { BackupRuns } from './backup-runs';
import { BackupSettingsForm } from './backup-settings-form';
import { BackupTable } from './backup-table';
import { DrillChart } from './drill-chart';
import { EnableBackupsForm } from './enable-backups-form';
import { RecoveryWindow } from './recovery-window';
import { ReplaceClusterForm } from './replace-cluster-form';
import { RepositorySpaceList } from './repository-space';
import { RestoreDrillForm } from './restore-drill-form';
import { RestoreForm } from './restore-form';

/** A member as the Backups tab names it. */
export interface ClusterMemberName {
  readonly name: string;
  readonly role: 'primary' | 'replica';
}

/**
 * The cluster's Backups tab: the recovery window first, WAL archiving and the repositories'
 * free space, then what to do (enable, back up,
 * restore, drill: operators), every backup, restore and drill figures, the operations with
 * links to their live pages, and the settings (admins; open until backups are enabled).
 */
export function BackupsSection({ cluster, view, canOperate, isAdmin }: { cluster: { readonly id: number; readonly name: string; readonly members: readonly ClusterMemberName[] }; view: BackupsView; canOperate: boolean; isAdmin: boolean }) {
  const clusterId = cluster.id;
  const primary = cluster.members.find((member) => member.role === 'primary')?.name ?? null;
  const { settings } = view;
  const enabled = Boolean(settings?.enabledAt);
  const repositories = settings?.repositories.map((repository) => repository.number) ?? [];
  const spareHosts = view.hosts.filter((host) => !host.memberOf).map((host) => ({ id: host.id, name: host.name }));
  const drillHost = view.hosts.find((host) => host.id === settings?.drillHostId)?.name ?? null;
  const restores = view.runs.filter((run) => run.kind === 'restore' || run.kind === 'restore-drill');
  const settingsForm = <BackupSettingsForm clusterId={clusterId} settings={settings} hosts={view.hosts} />;
  return (
    <div className="space-y-4" data-testid="backups-section">
      <Panel title="Recovery window"><RecoveryWindow window={view.window} catalog={view.catalog} /></Panel>
      <Panel title="WAL archiving"><ArchivingHealth members={view.archiving} /></Panel>
      {enabled ? <Panel title="Repository space"><RepositorySpaceList spaces={view.spaces} /></Panel> : null}
      {!enabled ? (
        <Panel title="Backups are not enabled">
          <div className="space-y-4">
            <p className="text-sm text-muted">{settings ? 'Settings are saved: enable backups to start archiving and take the first full backup.' : 'Add a repository and save the settings, then enable backups.'}</p>
            {isAdmin ? settingsForm : <p className="text-sm text-muted">An admin sets up the repositories.</p>}
            {canOperate && settings ? <EnableBackupsForm clusterId={clusterId} /> : null}
          </div>
        </Panel>
      ) : null}
      {enabled && canOperate ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <Panel title="Back up now"><BackupNowForm clusterId={clusterId} repositories={repositories} /></Panel>
          <Panel title="Restore…"><RestoreForm clusterId={clusterId} hosts={spareHosts} repositories={repositories} latest={view.window?.latest ?? null} /></Panel>
          <Panel title="Restore drill"><RestoreDrillForm clusterId={clusterId} drillHost={drillHost} repositories={repositories} /></Panel>
        </div>
      ) : null}
      {enabled && canOperate && primary ? (
        <Panel title="Replace the whole cluster…">
          <details data-testid="replace-cluster">
            <summary className="cursor-pointer text-sm text-muted">Restore {primary} in place to a target and rebuild every replica from it: for when the whole cluster must go back in time</summary>
            <div className="mt-4">
              <ReplaceClusterForm clusterId={clusterId} clusterName={cluster.name} primary={primary} replicas={cluster.members.filter((member) => member.role === 'replica').map((member) => member.name)} repositories={repositories} latest={view.window?.latest ?? null} />
            </div>
          </details>
        </Panel>
      ) : null}
      <Panel title="Backups"><BackupTable backups={view.catalog?.backups ?? []} /></Panel>
      <Panel title="Restores and drills">
        <div className="space-y-4">
          <DrillChart points={view.drills} />
          <BackupRuns runs={restores} empty="No restore or drill yet." testId="restore-history" />
        </div>
      </Panel>
      <Panel title="Backup operations">
        <BackupRuns runs={view.runs.filter((run) => run.kind === 'backup' || run.kind === 'enable-backups')} empty="No backup has run from Tandem yet." testId="backup-history" />
      </Panel>
      {enabled && isAdmin ? (
        <Panel title="Backup settings">
          <details><summary className="cursor-pointer text-sm text-muted">Repositories, retention, compression, schedule and drills</summary><div className="mt-4">{settingsForm}</div></details>
        </Panel>
      ) : null}
    </div>
  );
}
