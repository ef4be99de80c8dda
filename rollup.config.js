// Every build output: each package's ESM (one file per module, dependencies
// external), the script-tag bundle dist/cdn/ (a loader plus lazy per-widget
// chunks, see scripts/cdn-bundle.mjs), and the examples.
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { fileURLToPath } from 'node:url';
import { browserPlugins, onwarn, target, templates } from './scripts/browser-build.mjs';
import { cdnBundle } from './scripts/cdn-bundle.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** A package's own modules, as ESM beside its `.d.ts` files in dist/. */
function library(pkg, inputs) {
  return {
    input: Object.fromEntries(inputs.map((name) => [name, `packages/${pkg}/src/${name}.ts`])),
    external: (id) => isBare(id) || builtinModules.includes(id),
    plugins: [templates(), esbuild({ target, tsconfig: 'tsconfig.base.json' })],
    output: {
      dir: `packages/${pkg}/dist`,
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: `packages/${pkg}/src`,
      sourcemap: true,
    },
    onwarn,
  };
}

/** A browser bundle: everything resolved into one file. */
function bundle(input, file) {
  return {
    input,
    plugins: browserPlugins(root),
    // One file: widgets' lazy imports (the virtualizer) are inlined rather than split into chunks.
    output: { file, format: 'es', sourcemap: true, inlineDynamicImports: true },
    onwarn,
  };
}

export default [
  library('client', ['index', 'contract']),
  library('widgets', ['index']),
  library('react', ['index', 'jsx']),
  library('sandbox', ['index', 'node', 'browser', 'bin']),
  cdnBundle({ root, outDir: 'dist/cdn', plugins: browserPlugins(root), onwarn }),
  bundle('examples/internal-page/main.ts', 'examples/internal-page/build/main.js'),
];
