import type { ReactNode } from 'react';

const tones = {
  neutral: 'border-line text-muted',
  good: 'border-accent/40 text-accent',
  warn: 'border-warn/40 text-warn',
  bad: 'border-danger/40 text-danger',
} as const;

export function Badge({ tone = 'neutral', children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs ${tones[tone]}`}>{children}</span>;
}
