import type { ReactNode } from 'react';

/** Label/value rows in two columns; `mono` for machine values such as paths and versions. */
export function DefinitionList({ rows, mono = false, testId }: { rows: [string, ReactNode][]; mono?: boolean; testId?: string }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,14rem)_1fr] gap-x-4 gap-y-1.5 text-sm" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd className={`whitespace-pre-wrap break-words ${mono ? 'font-mono text-xs leading-5' : ''}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
