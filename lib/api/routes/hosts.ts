import 'server-only';
import { listHosts } from '@/lib/db/hosts';
import { defineRoute } from '../define-route';
import { hostListSchema, hostView } from '../schemas/hosts';
import { COMMON_PROBLEMS } from './responses';

export const listHostsRoute = defineRoute(
  { method: 'GET', path: '/hosts', tag: 'hosts', summary: 'The host inventory (never a secret)', permission: 'read', audit: 'api.hosts.read', responses: { 200: { description: 'The hosts, by name', schema: hostListSchema }, ...COMMON_PROBLEMS } },
  async () => ({ status: 200, body: { hosts: (await listHosts()).map(hostView) } }),
);
