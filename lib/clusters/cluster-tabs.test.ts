import { existsSync, readdirSync } from 'node:fs';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { Role } from '@/lib/auth/roles';
import { TEST_USERS } from '@/lib/testing/action-fixtures';
import { CLUSTER_TABS, clusterPath, type ClusterTab } from './cluster-tabs';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'c'.repeat(64);

const session: { user: CurrentUser | null } = { user: null };
const SIGN_IN = Object.assign(new Error('NEXT_REDIRECT'), { to: '/sign-in' });
vi.mock('@/lib/auth/current-user', () => ({
  getCurrentUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw SIGN_IN;
    return session.user;
  },
}));

const { db } = await import('@/lib/db/client');
const { ClusterTabs } = await import('@/components/clusters/cluster-tabs');
const { ClusterPageHeader } = await import('@/components/clusters/cluster-page-header');
const { LiveTopology } = await import('@/components/clusters/live-topology');
const { AddReplicaPanel } = await import('@/components/clusters/add-replica-panel');
const { AlertsPanel } = await import('@/components/alerts/alerts-panel');
const { AlertRulesPanel } = await import('@/components/alerts/alert-rules-panel');
const { LagPanels } = await import('@/components/lag/lag-panel');
const { FailoverSection } = await import('@/components/failover/failover-section');
const { FenceRecords } = await import('@/components/failover/fence-records');
const { CertificatesPanel } = await import('@/components/tls/certificates-panel');
const { BackupsSection } = await import('@/components/backups/backups-section');

type Page = (props: { params: Promise<{ id: string }> }) => Promise<ReactNode>;
const PAGES: Record<ClusterTab, Page> = {
  overview: (await import('@/app/(app)/clusters/[id]/page')).default,
  failover: (await import('@/app/(app)/clusters/[id]/failover/page')).default,
  backups: (await import('@/app/(app)/clusters/[id]/backups/page')).default,
  operations: (await import('@/app/(app)/clusters/[id]/operations/page')).default,
  settings: (await import('@/app/(app)/clusters/[id]/settings/page')).default,
};

/** Every element in a rendered tree (children and element-valued props), without running any component. */
function elements(node: unknown): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Record<string, unknown>>(node)) return [];
  return [node, ...Object.values(node.props).flatMap(elements)];
}
const ofType = (tree: ReactNode, type: unknown) => elements(tree).filter((element) => element.type === type);

let clusterId = 0;

beforeAll(async () => {
  const prisma = await db();
  clusterId = (await prisma.cluster.create({ data: { name: 'orders', status: 'active' }, select: { id: true } })).id;
  const host = await prisma.host.create({ data: { name: 'pg1', sshAddress: '127.0.0.9', authMethod: 'key', sshSecret: 'x' }, select: { id: true } });
  await prisma.clusterMember.create({ data: { clusterId, hostId: host.id, role: 'primary', applicationName: 'pg1' } });
});

const render = (tab: ClusterTab, role: Role | null, id = String(clusterId)) => {
  session.user = role ? TEST_USERS[role] : null;
  return PAGES[tab]({ params: Promise.resolve({ id }) });
};

describe('the cluster page sections', () => {
  it('each section is a route of its own, and every page under /clusters/[id] is a section', () => {
    const root = 'app/(app)/clusters/[id]';
    for (const { segment } of CLUSTER_TABS) expect(existsSync(`${root}/${segment ? `${segment}/` : ''}page.tsx`), segment || 'overview').toBe(true);
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('page.tsx')).map((file) => file.replace(/\/?page\.tsx$/, '')).sort();
    expect(pages).toEqual(CLUSTER_TABS.map((entry) => entry.segment).sort());
    expect(CLUSTER_TABS.map((entry) => clusterPath(7, entry.tab))).toEqual(['/clusters/7', '/clusters/7/failover', '/clusters/7/backups', '/clusters/7/operations', '/clusters/7/settings']);
  });

  it('are links in a labelled nav, the current one marked aria-current, each visibly focused', () => {
    const links = elements(ClusterTabs({ clusterId: 7, current: 'operations' })).filter((element) => typeof element.props.href === 'string');
    expect(links.map((link) => [link.props.href, link.props.children, link.props['aria-current']])).toEqual([
      ['/clusters/7', 'Overview', undefined],
      ['/clusters/7/failover', 'Failover', undefined],
      ['/clusters/7/backups', 'Backups', undefined],
      ['/clusters/7/operations', 'Operations', 'page'],
      ['/clusters/7/settings', 'Settings', undefined],
    ]);
    for (const link of links) expect(link.props.className).toMatch(/focus-visible:outline/);
    expect(elements(ClusterTabs({ clusterId: 7, current: 'overview' }))[0]?.props['aria-label']).toBe('Cluster sections');
  });

  it.each(CLUSTER_TABS.map((entry) => entry.tab))('%s sends a reader without a session to sign in', async (tab) => {
    await expect(render(tab, null)).rejects.toBe(SIGN_IN);
  });

  it.each(CLUSTER_TABS.map((entry) => entry.tab))('%s says not found for a bad id or a missing cluster, and marks itself current', async (tab) => {
    await expect(render(tab, 'viewer', '1e3')).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    await expect(render(tab, 'viewer', '999999')).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    const [header] = ofType(await render(tab, 'viewer'), ClusterPageHeader);
    expect(header?.props.current).toBe(tab);
  });

  it('the overview holds what an incident needs: topology with the banner and promote, alerts, replica status and lag; operators get promote and rejoin', async () => {
    const operator = await render('overview', 'operator');
    expect(ofType(operator, LiveTopology).map((element) => element.props.canOperate)).toEqual([true]);
    expect(ofType(operator, AlertsPanel)).toHaveLength(1);
    expect(ofType(operator, LagPanels)).toHaveLength(1);
    expect(ofType(operator, FenceRecords)[0]?.props.rejoinHref).toBe(clusterPath(clusterId, 'failover'));
    const viewer = await render('overview', 'viewer');
    expect(ofType(viewer, LiveTopology).map((element) => element.props.canOperate)).toEqual([false]);
    expect(ofType(viewer, FenceRecords)[0]?.props.rejoinHref).toBeUndefined();
    expect(ofType(viewer, LagPanels)[0]?.props.monitoringAction).toBeUndefined();
  });

  it('backups shows every role the window and history, and passes operators the operations and admins the settings', async () => {
    const section = async (role: Role) => ofType(await render('backups', role), BackupsSection).map((element) => [element.props.canOperate, element.props.isAdmin]);
    expect([await section('viewer'), await section('operator'), await section('admin')]).toEqual([[[false, false]], [[true, false]], [[true, true]]]);
  });

  it('failover, operations and settings pass each role only what it may do', async () => {
    const sections = async (role: Role) => {
      const operations = await render('operations', role);
      const settings = await render('settings', role);
      return {
        failover: ofType(await render('failover', role), FailoverSection).map((element) => [element.props.canOperate, element.props.isAdmin]),
        addReplica: ofType(operations, AddReplicaPanel).length,
        history: elements(operations).some((element) => element.props.title === 'Operations'),
        certificates: ofType(settings, CertificatesPanel).map((element) => element.props.canOperate),
        rules: ofType(settings, AlertRulesPanel).map((element) => element.props.role),
      };
    };
    expect(await sections('viewer')).toEqual({ failover: [[false, false]], addReplica: 0, history: true, certificates: [false], rules: ['viewer'] });
    expect(await sections('operator')).toEqual({ failover: [[true, false]], addReplica: 1, history: true, certificates: [true], rules: ['operator'] });
    expect(await sections('admin')).toEqual({ failover: [[true, true]], addReplica: 1, history: true, certificates: [true], rules: ['admin'] });
  });
});
