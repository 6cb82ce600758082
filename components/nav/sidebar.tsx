import { signOut } from '@/lib/actions/sign-out';
import type { CurrentUser } from '@/lib/auth/current-user';
import { NavLinks } from './nav-links';

export function Sidebar({ user }: { user: CurrentUser }) {
  return (
    <aside className="flex w-56 shrink-0 flex-col border-r border-line bg-panel px-3 py-4">
      <p className="mb-6 px-3 text-base font-semibold tracking-tight">
        <span className="text-accent">●●</span> Tandem
      </p>
      <NavLinks />
      <div className="mt-auto border-t border-line px-3 pt-4 text-xs text-muted">
        <p className="truncate text-ink" title={user.email}>
          {user.email}
        </p>
        <p className="mb-3" data-testid="current-role">
          {user.role}
        </p>
        <form action={signOut}>
          <button type="submit" className="text-muted underline-offset-2 hover:text-ink hover:underline">
            Sign out
          </button>
        </form>
      </div>
    </aside>
  );
}
