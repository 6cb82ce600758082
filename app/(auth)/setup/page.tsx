import { redirect } from 'next/navigation';
import { FirstAdminForm } from '@/components/auth/first-admin-form';
import { countUsers } from '@/lib/auth/users';

export const metadata = { title: 'First start' };

export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect('/sign-in');
  return <FirstAdminForm />;
}
