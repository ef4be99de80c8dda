/**
 * Big data: 50,000 rows through the virtualizer the tariff picker uses,
 * against a static list of the same rows in the same run: time to first
 * paint of the list, and frame times while scrolling. The tariff picker's
 * own figure (1,000 tariffs, keystroke → paint) comes from
 * tariff-picker.bench.ts once that widget lands.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { compare, notBuilt, type BenchContext, type Figure } from './bench.js';

export const section = 'Big data';

const FRAMES = 60;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>big list</title>
<script type="module" src="./big-list.js"></script></head><body></body></html>`;

interface Run {
  mount: number;
  frames: number[];
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (!existsSync(join(ctx.root, 'bench/tariff-picker.bench.ts'))) {
    figures.push(notBuilt({ section, name: 'tariff picker, 1,000 tariffs: filter keystroke → paint p50/p95', unit: 'ms' }));
  }
  const bundle = await ctx.buildBundle('big-list', join(ctx.root, 'bench/fixtures/big-list.ts'));
  // The virtualizer loads its layout as a lazy chunk: serve every file of the bundle.
  const files = Object.fromEntries(await Promise.all(bundle.files.map(async ({ file }) => [basename(file), await readFile(file, 'utf8')] as const)));
  const page = await ctx.newPage({ viewport: { width: 800, height: 800 } });
  const url = await ctx.servePage(page, 'big-list', PAGE, files);
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('bench-static-list') !== undefined);

  const measure = (tag: string): Promise<Run> =>
    page.evaluate(
      async ({ tag, frames }) => {
        document.body.replaceChildren();
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        const t0 = performance.now();
        const list = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
        document.body.append(list);
        await list.updateComplete;
        // The first paint with rows: the frame after they are in the DOM (the virtualizer adds them a frame or two later).
        do await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        while (!list.shadowRoot?.querySelector('.row') && performance.now() - t0 < 20_000);
        const mount = performance.now() - t0;
        const scroller = list.shadowRoot!.querySelector<HTMLElement>('.list')!;
        const deltas: number[] = [];
        let last = performance.now();
        for (let i = 0; i < frames; i++) {
          scroller.scrollTop += 400;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          deltas.push(now - last);
          last = now;
        }
        return { mount, frames: deltas };
      },
      { tag, frames: FRAMES },
    );

  // The static list takes seconds to mount, so fewer runs: each gives 60 frames anyway.
  const times = ctx.quick ? 1 : 2;
  const virtual: Run[] = [];
  const plain: Run[] = [];
  await measure('bench-virtual-list');
  for (let i = 0; i < times; i++) {
    virtual.push(await measure('bench-virtual-list'));
    plain.push(await measure('bench-static-list'));
  }
  const all = (runs: Run[]) => runs.flatMap((run) => run.frames);
  figures.push(
    compare({ section, name: '50,000 rows: mount → first paint (virtualizer)', unit: 'ms', target: { max: 100 } }, virtual.map((r) => r.mount), plain.map((r) => r.mount), 'static list'),
    compare({ section, name: '50,000 rows: scroll frame time p50 (virtualizer)', unit: 'ms', target: { max: 17, text: '≤ one 60 Hz frame (17 ms)' } }, all(virtual), all(plain), 'static list'),
    compare({ section, name: '50,000 rows: scroll frame time p95 (virtualizer)', unit: 'ms', target: { max: 33.4 } }, all(virtual), all(plain), 'static list', 'p95'),
  );
  return figures;
}
