/**
 * Where a repository may live. A repository host's directory is made with `install -d -o
 * pgbackrest` as root, which would hand a system directory to the backup account, so the path
 * must be a plain absolute path (no step starting with `.` or `-`, so no `..`; no doubled or trailing slash) outside the
 * system's own trees. An object store's path is a prefix in the bucket: only its shape counts.
 */
const PLAIN_ABSOLUTE = /^(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr', '/var/lib/postgresql', '/var/run'];
const SYSTEM_DIRECTORIES = ['/home', '/media', '/mnt', '/opt', '/root', '/srv', '/tmp', '/var', '/var/lib', '/var/log', '/var/tmp'];

export const REPOSITORY_PATH_SHAPE = 'Give an absolute path of letters, digits and . _ -, such as /var/lib/pgbackrest';

/** Why `path` cannot hold a repository of `kind`, or null. */
export function repositoryPathProblem(path: string, kind: 'host' | 's3'): string | null {
  if (path.length > 255 || !PLAIN_ABSOLUTE.test(path)) return REPOSITORY_PATH_SHAPE;
  if (kind === 's3') return null;
  if (SYSTEM_DIRECTORIES.includes(path) || SYSTEM_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`))) {
    return `${path} belongs to the system: give the repository a directory of its own, such as /var/lib/pgbackrest`;
  }
  return null;
}
