import type { Command } from 'commander';
import type { ClusterDetail, ClusterList } from '../api-types';
import { resolveCluster } from '../clusters';
import { connect, print, type Done } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { clustersTable, clusterView } from '../views/clusters';

export function registerStatus(program: Command, io: CliIo, done: Done): void {
  program
    .command('status')
    .description('The clusters, or one cluster\'s members with role, state and lag (GET /clusters, /clusters/{id})')
    .argument('[cluster]', 'a cluster\'s name or id')
    .action(async (cluster: string | undefined, _options: unknown, command: Command) => {
      const context = connect(command, io);
      if (cluster === undefined) {
        print(context, await context.client.get<ClusterList>('/clusters'), clustersTable);
      } else {
        const { id } = await resolveCluster(context.client, cluster);
        print(context, await context.client.get<ClusterDetail>(`/clusters/${id}`), clusterView);
      }
      done(EXIT.ok);
    });
}
