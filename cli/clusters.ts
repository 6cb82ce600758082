import type { ClusterList, ClusterSummary } from './api-types';
import { CliError, EXIT } from './exit-codes';
import type { ApiClient } from './http';

/** The cluster a command line names, by its name or else its id, from `GET /clusters`. */
export async function resolveCluster(client: ApiClient, nameOrId: string): Promise<ClusterSummary> {
  const { clusters } = (await client.get<ClusterList>('/clusters')).json;
  const found = clusters.find((cluster) => cluster.name === nameOrId) ?? (/^\d+$/.test(nameOrId) ? clusters.find((cluster) => cluster.id === Number(nameOrId)) : undefined);
  if (!found) throw new CliError(EXIT.notFound, `There is no cluster named ${JSON.stringify(nameOrId)}; \`tandem status\` lists them.`);
  return found;
}
