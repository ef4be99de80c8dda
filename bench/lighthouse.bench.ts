/**
 * Lighthouse (12.8, Node 20) on the internal-page example as the demo serves
 * it (8787 + 8080, its strict CSP), in the system Chromium launched by
 * chrome-launcher; desktop settings, no throttling beyond Lighthouse's own
 * simulation. The median of three runs.
 */
import lighthouse from 'lighthouse';
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
  try {
    const runs = ctx.quick ? 1 : 3;
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES.map((category) => category.id),
        formFactor: 'desktop',
        screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
      });
      for (const category of CATEGORIES) {
        const score = result?.lhr.categories[category.id]?.score;
        if (typeof score === 'number') scores.get(category.id)!.push(Math.round(score * 100));
      }
    }
  } finally {
    await chrome.kill();
  }
  return CATEGORIES.map((category) => {
    const samples = scores.get(category.id)!;
    const head = { section, name: `internal-page example: ${category.name}`, unit: '', target: { min: category.min } };
    return samples.length ? measured(head, samples) : { ...head, value: null, note: 'no score' };
  });
}
