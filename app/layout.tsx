import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tandem', template: '%s · Tandem' },
  description: 'Control plane for PostgreSQL streaming replication',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans text-[15px]">{children}</body>
    </html>
  );
}
