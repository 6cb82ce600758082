// Module resolve hook: every ESM `import … from 'ssh2'` except the shim's own gets ssh2-esm.mjs.
const SHIM = new URL('./ssh2-esm.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'ssh2' && context.parentURL !== SHIM) return { url: SHIM, shortCircuit: true };
  return nextResolve(specifier, context);
}
