import { redirect } from 'next/navigation';
import { Sidebar } from '@/components/nav/sidebar';
import { getCurrentUser } from '@/lib/auth/current-user';
import { countUsers } from '@/lib/auth/users';

/** Every page reads live inventory and the session: never prerender at build time. */
export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect((await countUsers()) === 0 ? '/setup' : '/sign-in');
  return (
    <div className="flex min-h-screen">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
