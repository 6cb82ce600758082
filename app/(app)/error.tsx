'use client';

import { Button } from '@/components/ui/button';

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="max-w-xl rounded-lg border border-danger/40 bg-danger/10 p-6">
      <h1 className="text-base font-semibold text-danger">Something went wrong</h1>
      <p className="mt-2 text-sm text-muted">
        Tandem hit an unexpected error and logged it{error.digest ? ` (reference ${error.digest})` : ''}. Nothing further was changed.
      </p>
      <Button variant="secondary" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
