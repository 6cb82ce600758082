export default function Loading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-label="Loading operation">
      <div className="h-8 w-64 rounded bg-raised" />
      <div className="h-40 rounded-lg border border-line bg-panel" />
      <div className="h-24 rounded-lg border border-line bg-panel" />
      <div className="h-24 rounded-lg border border-line bg-panel" />
    </div>
  );
}
