import 'server-only';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { findCluster } from '@/lib/db/clusters';

/**
 * Each section of a cluster's page starts here: the id checked, the session checked (a
 * redirect to sign-in without one) and the cluster read, or not found. Roles are the
 * page's to check, for what it shows.
 */
export async function loadClusterPage(params: Promise<{ id: string }>) {
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [user, cluster] = await Promise.all([requireUser(), findCluster(Number(id))]);
  if (!cluster) notFound();
  return { user, cluster };
}
