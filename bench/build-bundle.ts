/**
 * Builds a browser bundle with the settings of `npm run build`'s script-tag
 * bundle (rollup.config.js `bundle()`): node-resolve with Lit's `production`
 * condition, esbuild minify to es2022, no legal comments. The bench builds
 * what it weighs in the same run, so the floor and our bundles share one
 * toolchain and one set of settings.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { rollup, type RollupLog } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import type { BuiltBundle } from './bench.js';

export async function buildBundle(root: string, outDir: string, name: string, entry: string): Promise<BuiltBundle> {
  const dir = join(outDir, name);
  await mkdir(dir, { recursive: true });
  const build = await rollup({
    input: entry,
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['source', 'production', 'browser', 'module', 'import', 'default'] }),
      esbuild({ target: 'es2022', minify: true, tsconfig: join(root, 'tsconfig.base.json'), legalComments: 'none' }),
    ],
    onwarn(warning: RollupLog, warn: (log: RollupLog) => void) {
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
      warn(warning);
    },
  });
  const main = `${basename(entry, extname(entry))}.js`;
  await build.write({ dir, format: 'es', entryFileNames: main, chunkFileNames: '[name]-[hash].js' });
  await build.close();
  const names = (await readdir(dir)).filter((file) => file.endsWith('.js'));
  const files = await Promise.all(names.map(async (file) => ({ file: join(dir, file), bytes: (await stat(join(dir, file))).size })));
  return { name, entry, file: join(dir, main), files };
}
