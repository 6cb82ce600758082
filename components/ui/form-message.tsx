import type { ActionResult } from '@/lib/actions/action-result';

/** The form-level outcome of an action: its message when it failed, or a success note. */
export function FormMessage<T>({ state, success }: { state: ActionResult<T> | null; success?: string }) {
  if (!state) return null;
  if (state.ok) return success ? <p className="text-sm text-accent" role="status">{success}</p> : null;
  return (
    <p className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger" role="alert">
      {state.message}
    </p>
  );
}
