/**
 * Builds a browser bundle with the settings of `npm run build`'s script-tag
 * bundle (rollup.config.js `bundle()`): node-resolve with Lit's `production`
 * condition, esbuild minify to es2022, no legal comments. The bench builds
 * what it weighs in the same run, so the floor and our bundles share one
 * toolchain and one set of settings.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { rollup, type OutputOptions, type RollupLog } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { cdnBundle } from '../scripts/cdn-bundle.mjs';
import type { BuiltBundle } from './bench.js';

const plugins = (root: string) => [
  nodeResolve({ browser: true, exportConditions: ['source', 'production', 'browser', 'module', 'import', 'default'] }),
  esbuild({ target: 'es2022', minify: true, tsconfig: join(root, 'tsconfig.base.json'), legalComments: 'none' }),
];

function onwarn(warning: RollupLog, warn: (log: RollupLog) => void): void {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
}

/** Every .js file under `dir` (chunks in subfolders too), with its size. */
async function outputFiles(dir: string): Promise<BuiltBundle['files']> {
  const names = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js'));
  return Promise.all(names.map(async (file) => ({ file: join(dir, file), bytes: (await stat(join(dir, file))).size })));
}

export async function buildBundle(root: string, outDir: string, name: string, entry: string): Promise<BuiltBundle> {
  const dir = join(outDir, name);
  await mkdir(dir, { recursive: true });
  const build = await rollup({ input: entry, plugins: plugins(root), onwarn });
  const main = `${basename(entry, extname(entry))}.js`;
  await build.write({ dir, format: 'es', entryFileNames: main, chunkFileNames: '[name]-[hash].js' });
  await build.close();
  return { name, entry, file: join(dir, main), files: await outputFiles(dir) };
}

/** The script-tag bundle exactly as `npm run build` makes dist/cdn/ (loader, runtime, per-widget chunks), built into `outDir/cdn`. */
export async function buildCdnBundle(root: string, outDir: string): Promise<BuiltBundle> {
  const dir = join(outDir, 'cdn');
  await mkdir(dir, { recursive: true });
  const { output, ...options } = cdnBundle({ root, outDir: dir, plugins: plugins(root), onwarn });
  const build = await rollup(options);
  await build.write({ ...(output as OutputOptions), dir, sourcemap: false });
  await build.close();
  return { name: 'cdn', entry: join(root, 'dist/cdn'), file: join(dir, 'kabinet.js'), files: await outputFiles(dir) };
}
