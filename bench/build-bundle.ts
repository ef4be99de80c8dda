/**
 * Builds a browser bundle with the settings of `npm run build`'s browser
 * bundles (scripts/browser-build.mjs): node-resolve with Lit's `production`
 * condition, the widgets' templates minified, esbuild minify to es2022, no
 * legal comments. The bench builds
 * what it weighs in the same run, so the floor and our bundles share one
 * toolchain and one set of settings.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { rollup, type OutputOptions } from 'rollup';
import { browserPlugins as plugins, onwarn } from '../scripts/browser-build.mjs';
import { cdnBundle } from '../scripts/cdn-bundle.mjs';
import type { BuiltBundle } from './bench.js';

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
