/** Runs once when the server starts: open the database (applying migrations) and bootstrap the admin. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/server/start');
  await startServer();
}
