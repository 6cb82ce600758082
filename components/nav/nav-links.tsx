'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Fleet' },
  { href: '/hosts', label: 'Hosts' },
  { href: '/clusters', label: 'Clusters' },
  { href: '/operations', label: 'Operations' },
  { href: '/audit', label: 'Audit' },
  { href: '/settings', label: 'Settings' },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {LINKS.map(({ href, label }) => {
        const active = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-2 text-sm ${active ? 'bg-raised text-ink' : 'text-muted hover:bg-raised/60 hover:text-ink'}`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
