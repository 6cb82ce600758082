export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each action needs. Viewers read everything and change nothing. */
export type Permission = 'read' | 'hosts.write' | 'operations.run' | 'users.manage' | 'settings.manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'hosts.write', 'operations.run'],
  admin: ['read', 'hosts.write', 'operations.run', 'users.manage', 'settings.manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Reads everything, changes nothing',
  operator: 'Manages hosts and runs operations',
  admin: 'Operator, plus users and settings',
};
