// Every build output: each package's ESM (one file per module, dependencies
// external), the script-tag bundle dist/cdn/ (a loader plus lazy per-widget
// chunks, see scripts/cdn-bundle.mjs), and the examples.
import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { fileURLToPath } from 'node:url';
import { cdnBundle } from './scripts/cdn-bundle.mjs';
import { minifyTemplateLiterals } from './scripts/minify-templates.mjs';

const target = 'es2022';
/** The widgets' Lit templates and styles, minified in every build that ships them. */
const templates = () => minifyTemplateLiterals({ include: /\/packages\/widgets\/src\/.*\.ts$/ });
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

/** Resolution and minification of every browser bundle: Lit's production build, minified. */
const browserPlugins = () => [
  nodeResolve({ browser: true, exportConditions: ['source', 'production', 'browser', 'module', 'import', 'default'] }),
  templates(),
  esbuild({ target, minify: true, tsconfig: 'tsconfig.base.json', legalComments: 'none' }),
];

/** A browser bundle: everything resolved into one file. */
function bundle(input, file) {
  return {
    input,
    plugins: browserPlugins(),
    // One file: widgets' lazy imports (the virtualizer) are inlined rather than split into chunks.
    output: { file, format: 'es', sourcemap: true, inlineDynamicImports: true },
    onwarn,
  };
}

function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
}

export default [
  library('client', ['index', 'contract']),
  library('widgets', ['index']),
  library('react', ['index', 'jsx']),
  library('sandbox', ['index', 'node', 'browser', 'bin']),
  cdnBundle({ root: fileURLToPath(new URL('.', import.meta.url)), outDir: 'dist/cdn', plugins: browserPlugins(), onwarn }),
  bundle('examples/internal-page/main.ts', 'examples/internal-page/build/main.js'),
];
