export default function Loading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-label="Loading operations">
      <div className="h-8 w-48 rounded bg-raised" />
      <div className="h-64 rounded-lg border border-line bg-panel" />
    </div>
  );
}
