import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="max-w-xl rounded-lg border border-line bg-panel p-6">
      <h1 className="text-base font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-muted">It may have been deleted. <Link className="text-accent hover:underline" href="/">Back to the fleet</Link></p>
    </div>
  );
}
