import { describe, expect, it } from 'vitest';
import { parseRepositorySpace, repositorySpaceCommand } from './repository-space';

const DF = 'Filesystem         1-blocks        Used   Available Capacity Mounted on\n/dev/vda1      270553174016 25495691264 83448602624      24% /srv/backup\n';

describe('repositorySpaceCommand', () => {
  it('reads df in bytes, then du within a minute, the path quoted and after --', () => {
    expect(repositorySpaceCommand("/srv/pg backrest's").text).toBe(
      "df -PB1 -- '/srv/pg backrest'\\''s' && { timeout 60 du -sB1 -- '/srv/pg backrest'\\''s' 2>/dev/null || true; }",
    );
  });
});

describe('parseRepositorySpace', () => {
  it('takes the total and the available bytes from df and the used bytes from du', () => {
    expect(parseRepositorySpace(`${DF}41234567168\t/srv/backup/pgbackrest\n`)).toEqual({ totalBytes: 270553174016, freeBytes: 83448602624, usedBytes: 41234567168 });
  });

  it('leaves the used bytes out when du did not answer', () => {
    expect(parseRepositorySpace(DF)).toEqual({ totalBytes: 270553174016, freeBytes: 83448602624, usedBytes: null });
  });

  it('reads a file system and a mount point with spaces, and a capacity of -', () => {
    const df = 'Filesystem 1-blocks Used Available Capacity Mounted on\nbackup nas:/export 1000 400 500 45% /mnt/backup disk\n';
    expect(parseRepositorySpace(df)).toEqual({ totalBytes: 1000, freeBytes: 500, usedBytes: null });
    expect(parseRepositorySpace('Filesystem 1-blocks Used Available Capacity Mounted on\nproc 0 0 0 - /proc\n')).toEqual({ totalBytes: 0, freeBytes: 0, usedBytes: null });
  });

  it.each([
    ['nothing', ''],
    ['no header', '/dev/vda1 1000 400 500 45% /\n'],
    ['a header alone', 'Filesystem 1-blocks Used Available Capacity Mounted on\n'],
    ['sizes in 1K blocks with units', 'Filesystem Size Used Avail Use% Mounted on\n/dev/vda1 252G 24G 78G 24% /\n'],
  ])('refuses %s', (_, stdout) => {
    expect(parseRepositorySpace(stdout)).toBeNull();
  });
});
