import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/lib/auth/current-user';
import { countUsers } from '@/lib/auth/users';

export const metadata = { title: 'Sign in' };

export default async function SignInPage() {
  if ((await countUsers()) === 0) redirect('/setup');
  if (await getCurrentUser()) redirect('/');
  return <SignInForm />;
}
