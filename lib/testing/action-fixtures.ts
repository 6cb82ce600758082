import type { CurrentUser } from '@/lib/auth/current-user';
import type { Role } from '@/lib/auth/roles';

/** A form as the browser posts it; a list value becomes repeated fields. */
export function formData(fields: Record<string, string | readonly string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(key, item);
  return data;
}

/** One signed-in user per role, for tests that call server actions as each of them. */
export const TEST_USERS: Record<Role, CurrentUser> = {
  viewer: { id: 'u-viewer', email: 'viewer@example.com', name: 'V', role: 'viewer' },
  operator: { id: 'u-operator', email: 'operator@example.com', name: 'O', role: 'operator' },
  admin: { id: 'u-admin', email: 'admin@example.com', name: 'A', role: 'admin' },
};
