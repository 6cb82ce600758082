import type { PreflightCheck } from '@/lib/replication/preflight-types';

const marks = { pass: ['✓', 'text-accent'], warn: ['!', 'text-warn'], fail: ['✕', 'text-danger'] } as const;

/** The preflight checklist: one line per check with its status and, unless it passed, how to fix it. */
export function PreflightList({ checks }: { checks: PreflightCheck[] }) {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const check of checks) counts[check.status] += 1;
  return (
    <div>
      <p className="mb-2 text-sm" data-testid="preflight-summary">
        {counts.fail ? `${counts.fail} failed` : 'Nothing failed'} · {counts.warn} warning{counts.warn === 1 ? '' : 's'} · {counts.pass} passed
      </p>
      <ul className="divide-y divide-line rounded-md border border-line" data-testid="preflight-checks">
        {checks.map((check) => {
          const [mark, tone] = marks[check.status];
          return (
            <li key={`${check.id}-${check.host ?? ''}`} className="flex gap-3 px-3 py-2 text-sm" data-status={check.status}>
              <span className={`w-4 font-bold ${tone}`} aria-label={check.status}>{mark}</span>
              <div>
                <p>
                  {check.host ? <span className="mr-2 font-mono text-xs text-muted">{check.host}</span> : null}
                  {check.message}
                </p>
                {check.status !== 'pass' && check.hint ? <p className="text-xs text-muted">{check.hint}</p> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
