/**
 * Stands in for lib/auth/current-user.ts in the freshness bench (as the route tests mock it):
 * the request comes from a signed-in viewer, so the SSE route runs its own session check.
 */
import type { Role } from '@/lib/auth/roles';

const viewer = { id: 'bench-viewer', email: 'viewer@example.com', name: 'Bench viewer', role: 'viewer' as Role };

export async function getCurrentUser() {
  return viewer;
}

export async function requireUser() {
  return viewer;
}
