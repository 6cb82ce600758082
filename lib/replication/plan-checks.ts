import { queryOk } from './engine/pg-rows';
import type { StepContext } from './engine/types';
import { certificateHolds, describeCertificateCheck } from './member-certificate';
import type { CertificateIssuer, Check } from './plan-types';
import { describeTandemHba, tandemHbaHolds } from './tandem-hba';

/** Evaluates a plan's check against the hosts; true when the end state it describes holds. `issuer` is needed only by certificate checks. */
export async function holds(check: Check, ctx: StepContext, issuer?: CertificateIssuer): Promise<boolean> {
  switch (check.kind) {
    case 'sql':
      return queryOk(ctx.pg, check.host, check.sql, { params: check.params, signal: ctx.signal });
    case 'shell': {
      const result = await ctx.shell.exec(check.host, check.command, { as: check.as, signal: ctx.signal });
      return result.code === 0;
    }
    case 'any':
      for (const part of check.of) if (await holds(part, ctx, issuer)) return true;
      return false;
    case 'all':
      for (const part of check.of) if (!(await holds(part, ctx, issuer))) return false;
      return true;
    case 'never':
      return false;
    case 'tandem-hba':
      return tandemHbaHolds(check, ctx);
    case 'member-certificate':
      return certificateHolds(check, ctx, issuer);
  }
}

/** The check as text for the runbook and the operation log. */
export function describeCheck(check: Check): string {
  switch (check.kind) {
    case 'sql':
      return `[${check.host}] ${check.sql.trim()}${paramsText(check.params)}`;
    case 'shell':
      return `[${check.host} as ${check.as}] ${check.command.text}`;
    case 'any':
      return check.of.map(describeCheck).join('\n  or ');
    case 'all':
      return check.of.map(describeCheck).join('\n  and ');
    case 'never':
      return `(always runs: ${check.reason})`;
    case 'tandem-hba':
      return describeTandemHba(check);
    case 'member-certificate':
      return describeCertificateCheck(check);
  }
}

export function paramsText(params: Readonly<Record<string, string>>, secret: readonly string[] = []): string {
  const entries = [...Object.entries(params).map(([name, value]) => `${name}=${JSON.stringify(value)}`), ...secret.map((name) => `${name}=«secret»`)];
  return entries.length ? `\n  -- with ${entries.join(', ')}` : '';
}
