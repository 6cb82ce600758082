// Module resolve hook (node:module register): lib/auth/current-user.ts resolves to the bench's viewer session.
const STUB = new URL('./viewer-session.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url.endsWith('/lib/auth/current-user.ts')) return { ...resolved, url: STUB, shortCircuit: true };
  return resolved;
}
