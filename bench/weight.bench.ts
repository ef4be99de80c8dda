/**
 * Weight: gzip -9 and brotli of what a page downloads, every bundle built in
 * this run with the same rollup + esbuild settings as `npm run build`, beside
 * the floor built the same way (a minimal Lit element, ky alone, and the
 * runtime every Kabinet page pays: Lit + context + ky + valibot).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { exact, failed, notBuilt, type BenchContext, type BuiltBundle, type Figure } from './bench.js';

export const section = 'Weight';

/** The six elements every operator page is built from (DESIGN.md). */
const CORE = ['kb-provider', 'kb-login', 'kb-balance-card', 'kb-tariff-picker', 'kb-number-switcher', 'kb-top-up-form'];
/** TOOLCHAIN.md: Lit + context + ky + valibot must stay within 14 KB gzip. */
const RUNTIME_BUDGET_KB = 14;

interface Weight {
  gzip: number;
  brotli: number;
}

async function weigh(files: readonly string[]): Promise<Weight> {
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { gzip: gzip / 1024, brotli: brotli / 1024 };
}

const widgetsSrc = (root: string) => join(root, 'packages/widgets/src');

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const floorLit = await weigh([(await ctx.buildBundle('floor-lit', join(ctx.root, 'bench/floor/lit-element.ts'))).file]);
  const floorKy = await weigh([(await ctx.buildBundle('floor-ky', join(ctx.root, 'bench/floor/ky.ts'))).file]);
  const runtime = await weigh([(await ctx.buildBundle('floor-runtime', join(ctx.root, 'bench/floor/runtime.ts'))).file]);
  const floor = { gzip: floorLit.gzip + floorKy.gzip, brotli: floorLit.brotli + floorKy.brotli };

  /** Two rows (gzip, brotli) for one thing, each beside the floor (Lit element + ky). */
  const rows = (name: string, weight: Weight, target?: number, note?: string) => {
    for (const kind of ['gzip', 'brotli'] as const) {
      figures.push(
        exact(
          { section, name: `${name}, ${kind}`, unit: 'KB', ...(target !== undefined && kind === 'gzip' ? { target: { max: target } } : {}), ...(note ? { note } : {}) },
          weight[kind],
          { name: 'Lit element + ky', value: floor[kind] },
        ),
      );
    }
  };

  rows('floor: minimal Lit element', floorLit);
  rows('floor: ky alone', floorKy);
  rows('floor: Lit + context + ky + valibot', runtime, RUNTIME_BUDGET_KB);

  let cdn: BuiltBundle | undefined;
  try {
    cdn = await ctx.cdnBundle();
  } catch (error) {
    figures.push(failed({ section, name: 'CDN loader (kabinet.js)', unit: 'KB' }, error));
  }
  if (cdn) {
    rows('CDN loader (kabinet.js)', await weigh([cdn.file]));
    const chunks = cdn.files.filter((file) => file.file !== cdn.file);
    if (chunks.length === 0) {
      figures.push(notBuilt({ section, name: 'lazy widget chunks', unit: 'KB' }, 'one file until widgets are split into chunks (issue 7)'));
    }
    for (const chunk of chunks) rows(`chunk ${basename(chunk.file)}`, await weigh([chunk.file]));
    rows('everything (loader + all chunks)', await weigh(cdn.files.map((file) => file.file)));
  }

  // Each widget alone, with everything it pulls in (lazy chunks included): what a page showing only it would download.
  const present: string[] = [];
  for (const tag of CORE) {
    const entry = join(widgetsSrc(ctx.root), tag, `${tag}.ts`);
    if (!existsSync(entry)) {
      figures.push(notBuilt({ section, name: `${tag} alone (with Lit + client)`, unit: 'KB' }));
      continue;
    }
    try {
      const bundle = await ctx.buildBundle(`alone-${tag}`, entry);
      rows(`${tag} alone (with Lit + client)`, await weigh(bundle.files.map((file) => file.file)));
      present.push(entry);
    } catch (error) {
      figures.push(failed({ section, name: `${tag} alone`, unit: 'KB' }, error));
    }
  }

  const together = join(ctx.tmpDir, 'core-elements.ts');
  await writeFile(together, present.map((entry) => `import ${JSON.stringify(entry)};`).join('\n'));
  const missing = CORE.length - present.length;
  try {
    const bundle = await ctx.buildBundle('core-elements', together);
    rows(`the ${CORE.length} core elements together`, await weigh(bundle.files.map((file) => file.file)), undefined, missing ? `${missing} of ${CORE.length} not built yet` : undefined);
  } catch (error) {
    figures.push(failed({ section, name: 'core elements together', unit: 'KB' }, error));
  }
  return figures;
}
