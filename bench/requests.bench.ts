/**
 * Requests: 1, 3 and 10 widgets in one provider must share one request per
 * resource (the store deduplicates). Counts the API requests a page makes
 * until every widget shows its data, plus a settle time for stragglers.
 */
import { exact, failed, type BenchContext, type Figure } from './bench.js';
import { PROBE, widgetPage } from './widget-page.js';

export const section = 'Requests';

const SETTLE_MS = 500;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const sandbox = await ctx.sandbox();
  const token = await ctx.sessionToken(sandbox);
  const figures: Figure[] = [];
  for (const count of [1, 3, 10]) {
    const head = { section, name: `${count} balance card${count > 1 ? 's' : ''} in one provider: requests per resource (max)`, unit: '', target: { max: 1 } };
    try {
      const page = await ctx.newPage();
      const requests = new Map<string, number>();
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.origin !== sandbox.url || request.method() === 'OPTIONS') return;
        const key = `${request.method()} ${url.pathname}`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
      });
      const inner = '<kb-balance-card></kb-balance-card>\n'.repeat(count);
      const url = await ctx.servePage(page, `requests-${count}`, widgetPage({ apiBase: sandbox.url, sessionToken: token, inner }), { 'probe.js': PROBE });
      await page.goto(url);
      const cards = page.locator('kb-balance-card');
      for (let i = 0; i < count; i++) await cards.nth(i).getByText('350,00').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(SETTLE_MS);
      const worst = Math.max(0, ...requests.values());
      const detail = [...requests].map(([key, n]) => `${key} ×${n}`).join(', ');
      figures.push(exact({ ...head, note: detail }, worst));
    } catch (error) {
      figures.push(failed(head, error));
    }
  }
  return figures;
}
