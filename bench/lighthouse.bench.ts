/**
 * Lighthouse (12.8, Node 20) on the internal-page example as the demo serves
 * it (8787 + 8080, its strict CSP), in the system Chromium launched by
 * chrome-launcher, with Lighthouse's two presets as they are: desktop
 * (desktop screen, its simulated fast network and CPU) for the scores with
 * targets, and mobile (phone screen, simulated slow 4G and a 4× slower CPU)
 * for the performance score beside it. The median of three runs each.
 */
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { launch } from 'chrome-launcher';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs';
import { measured, type BenchContext, type Figure } from './bench.js';

export const section = 'Lighthouse';

const CATEGORIES = [
  { id: 'performance', name: 'performance score', min: 90 },
  { id: 'accessibility', name: 'accessibility score', min: 95 },
  { id: 'best-practices', name: 'best-practices score', min: 95 },
] as const;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const demo = await ctx.demoServers();
  const url = `${demo.pageOrigin}/internal-page/`;
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: ['--headless=new', '--no-sandbox', ...chromiumArgs] });
  const scores = new Map<string, number[]>(CATEGORIES.map((category) => [category.id, []]));
  const mobile: number[] = [];
  const score = (result: Awaited<ReturnType<typeof lighthouse>>, id: string) => {
    const value = result?.lhr.categories[id]?.score;
    return typeof value === 'number' ? Math.round(value * 100) : undefined;
  };
  try {
    const runs = ctx.quick ? 1 : 3;
    for (let i = 0; i < runs; i++) {
      const flags = { port: chrome.port, output: 'json' as const, logLevel: 'error' as const };
      const desktop = await lighthouse(url, { ...flags, onlyCategories: CATEGORIES.map((category) => category.id) }, desktopConfig);
      for (const category of CATEGORIES) {
        const value = score(desktop, category.id);
        if (value !== undefined) scores.get(category.id)!.push(value);
      }
      const phone = await lighthouse(url, { ...flags, onlyCategories: ['performance'] });
      const value = score(phone, 'performance');
      if (value !== undefined) mobile.push(value);
    }
  } finally {
    await chrome.kill();
  }
  const figures: Figure[] = CATEGORIES.map((category) => {
    const samples = scores.get(category.id)!;
    const head = { section, name: `internal-page example: ${category.name} (desktop preset)`, unit: '', target: { min: category.min } };
    return samples.length ? measured(head, samples) : { ...head, value: null, note: 'no score' };
  });
  const head = { section, name: 'internal-page example: performance score (mobile preset: slow 4G, 4× CPU)', unit: '' };
  figures.push(mobile.length ? measured(head, mobile) : { ...head, value: null, note: 'no score' });
  return figures;
}
