import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The import-restriction messages ESLint gives `code` as if it lived at `filePath` (relative to the repository). */
async function restrictions(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((message) => message.ruleId?.endsWith('no-restricted-imports')).map((message) => ({ rule: message.ruleId, text: message.message }));
}

describe('the layer rules in eslint.config.mjs', { timeout: 60_000 }, () => {
  it('refuse the database client in domain code', async () => {
    for (const file of ['lib/failover/x.ts', 'lib/backup/x.ts']) {
      expect(await restrictions("import { db } from '@/lib/db/client';\nexport const x = db;\n", file)).toEqual([
        { rule: 'no-restricted-imports', text: expect.stringMatching(/'@\/lib\/db\/client' import is restricted.*Domain code/) },
      ]);
    }
  });

  it('refuse the framework and the I/O barrels in domain code, but allow the pure helpers', async () => {
    const code = "import { redirect } from 'next/navigation';\nimport { getSshPool } from '@/lib/ssh';\nimport { sh } from '@/lib/ssh/shell';\nimport { quoteIdent } from '@/lib/pg/quote-ident';\nimport { z } from 'zod';\nexport const x = [redirect, getSshPool, sh, quoteIdent, z];\n";
    expect((await restrictions(code, 'lib/replication/engine/x.ts')).map((found) => found.text.split(' ')[0])).toEqual(["'next/navigation'", "'@/lib/ssh'"]);
  });

  it('leave the application layer, and tests, to their own rules', async () => {
    const code = "import { db } from '@/lib/db/client';\nexport const x = db;\n";
    expect(await restrictions(code, 'lib/operations/promote/request.ts')).toEqual([]);
    expect(await restrictions(code, 'lib/failover/x.test.ts')).toEqual([]);
  });

  it('refuse the application layer in domain code and in the adapter, except the plain list of kind names', async () => {
    const runner = "import { startOperation } from '@/lib/operations/runner';\nexport const x = startOperation;\n";
    expect((await restrictions(runner, 'lib/failover/x.ts')).map((found) => found.rule)).toEqual(['no-restricted-imports']);
    expect((await restrictions(runner, 'lib/db/x.ts')).map((found) => found.rule)).toEqual(['no-restricted-imports']);
    const names = "import { FAILOVER_KIND_NAMES } from '@/lib/operations/kind-names';\nexport const x = FAILOVER_KIND_NAMES;\n";
    expect(await restrictions(names, 'lib/failover/x.ts')).toEqual([]);
    expect(await restrictions(names, 'lib/db/x.ts')).toEqual([]);
  });

  it('refuse webhook notifications in the database adapter', async () => {
    expect(await restrictions("import { notifyWebhooks } from '@/lib/alerts/notify-webhooks';\nexport const x = notifyWebhooks;\n", 'lib/db/x.ts')).toEqual([
      { rule: 'no-restricted-imports', text: expect.stringMatching(/'@\/lib\/alerts\/notify-webhooks' import is restricted.*database adapter/) },
    ]);
  });

  it('allow an import that respects the layers', async () => {
    expect(await restrictions("import { z } from 'zod';\nimport { quoteIdent } from '@/lib/pg/quote-ident';\nexport const x = [z, quoteIdent];\n", 'lib/db/x.ts')).toEqual([]);
  });

  it('let a client component name server data as a type only', async () => {
    const file = 'components/alerts/acknowledge-form.tsx';
    expect(await restrictions("'use client';\nimport type { HostSummary } from '@/lib/db/hosts';\nexport type X = HostSummary;\n", file)).toEqual([]);
    expect(await restrictions("'use client';\nimport { listHosts } from '@/lib/db/hosts';\nexport const x = listHosts;\n", file)).toEqual([
      { rule: '@typescript-eslint/no-restricted-imports', text: expect.stringMatching(/'@\/lib\/db\/hosts' import is restricted.*client component/) },
    ]);
  });

  it('let the CLI load only the pure units and name the server\'s modules as types', async () => {
    const allowed = "import type { hostListSchema } from '@/lib/api/schemas/hosts';\nimport { formatBytes } from '@/lib/format/bytes';\nimport { formatLagMs } from '@/lib/lag/units';\nimport { z } from 'zod';\nexport type X = typeof hostListSchema;\nexport const x = [formatBytes, formatLagMs, z];\n";
    expect(await restrictions(allowed, 'cli/commands/x.ts')).toEqual([]);
    for (const specifier of ['@/lib/db/hosts', '@/lib/api/schemas/hosts', '@/lib/lag/types', '../../lib/db/hosts']) {
      expect(await restrictions(`import { y } from '${specifier}';\nexport const x = y;\n`, 'cli/commands/x.ts'), specifier).toEqual([
        { rule: '@typescript-eslint/no-restricted-imports', text: expect.stringMatching(/import is restricted.*thin client/) },
      ]);
    }
  });
});
