import type { ReactNode } from 'react';

export function Panel({ title, children, className = '' }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-line bg-panel ${className}`}>
      {title ? <h2 className="border-b border-line px-4 py-2.5 text-sm font-semibold">{title}</h2> : null}
      <div className="p-4">{children}</div>
    </section>
  );
}

/** Says plainly that a page is waiting for a later feature, instead of showing fake data. */
export function ComingLater({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-dashed border-line bg-panel/50 p-6 text-sm text-muted">{children}</div>;
}
