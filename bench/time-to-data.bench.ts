/**
 * Time to data: from the moment the bundle starts executing to the frame the
 * balance is painted, against the sandbox's own round trip for the same
 * resource measured from the same page. Also long tasks (> 50 ms) and layout
 * shift over the whole load.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compare, exact, measured, type BenchContext, type Figure } from './bench.js';
import { PROBE, widgetPage } from './widget-page.js';

export const section = 'Time to data';

/** What the widgets may add on top of the network (the target). */
const BUDGET_MS = 30;

/** In the page: resolves with performance.now() at the first frame the card shows the balance. */
const PAINTED = `new Promise((resolve) => {
  const check = () => {
    const text = document.querySelector('kb-balance-card')?.shadowRoot?.textContent ?? '';
    if (text.includes('350,00')) resolve(performance.now()); else requestAnimationFrame(check);
  };
  check();
})`;

interface Load {
  toData: number;
  roundTrip: number;
  longTasks: number;
  shift: number;
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const sandbox = await ctx.sandbox();
  const token = await ctx.sessionToken(sandbox);
  const inner = '<kb-balance-card></kb-balance-card>';
  // The chunks the provider and the card need, from the bundle's own manifest.
  const manifest = JSON.parse(await readFile(join(dirname((await ctx.cdnBundle()).file), 'manifest.json'), 'utf8')) as {
    elements: Record<string, { files: string[] }>;
  };
  const preload = [...new Set(['kb-provider', 'kb-balance-card'].flatMap((tag) => manifest.elements[tag]?.files ?? []))];
  // Each page, and how its row reads.
  const pages = {
    // The token alone: the card learns the number from GET /v1/me, then asks for the balance.
    token: { html: widgetPage({ apiBase: sandbox.url, sessionToken: token, inner }), row: 'token only (GET /v1/me, then the balance)' },
    // The partner also passes the number it minted the token for: the balance and /v1/me go out together.
    withNumber: {
      html: widgetPage({ apiBase: sandbox.url, sessionToken: token, inner, msisdn: '+79161234567' }),
      row: 'token and msisdn (both requests at once)',
    },
    // The partner-bank pattern: the number, and the page preloads the chunks it will need, so they load beside the loader.
    preloaded: {
      html: widgetPage({ apiBase: sandbox.url, sessionToken: token, inner, msisdn: '+79161234567', preload }),
      row: 'token, msisdn and the chunks preloaded (the partner-bank page)',
    },
  };
  const load = async (html: string): Promise<Load> => {
    const page = await ctx.newPage();
    const url = await ctx.servePage(page, 'time-to-data', html, { 'probe.js': PROBE });
    await page.goto(url);
    const painted = (await page.evaluate(PAINTED)) as number;
    const start = (await page.evaluate(() => performance.getEntriesByName('kb-bundle-start')[0]?.startTime ?? 0)) as number;
    // The same resource by plain fetch from the same page, connection warm as the widget's was.
    const roundTrip = (await page.evaluate(
      async ({ api, auth }) => {
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await (await fetch(`${api}/v1/numbers/79161234567/balance`, { headers: { authorization: auth } })).json();
          times.push(performance.now() - t0);
        }
        return times.sort((a, b) => a - b)[2]!;
      },
      { api: sandbox.url, auth: `Bearer ${token}` },
    )) as number;
    await page.waitForTimeout(200);
    const probe = (await page.evaluate('window.__kb')) as { longTasks: number[]; shift: number };
    await page.context().close();
    return { toData: painted - start, roundTrip, longTasks: probe.longTasks.filter((duration) => duration > 50).length, shift: probe.shift };
  };
  // One warm-up load of each (the browser's caches and the sandbox's JIT), then take turns so all see the same machine.
  const runs: Record<keyof typeof pages, Load[]> = { token: [], withNumber: [], preloaded: [] };
  const kinds = Object.keys(pages) as (keyof typeof pages)[];
  for (const kind of kinds) await load(pages[kind].html);
  for (let i = 0; i < ctx.repeats; i++) for (const kind of kinds) runs[kind].push(await load(pages[kind].html));
  const all = kinds.flatMap((kind) => runs[kind]);
  const roundTrips = all.map((run) => run.roundTrip);
  const trip = measured({ section, name: 'x', unit: 'ms' }, roundTrips).value!;
  const target = { max: trip + BUDGET_MS, text: `≤ round trip + ${BUDGET_MS} ms (${(trip + BUDGET_MS).toFixed(1)} ms)` };
  return [
    ...kinds.map((kind) =>
      compare(
        { section, name: `bundle start → balance painted, ${pages[kind].row}`, unit: 'ms', target },
        runs[kind].map((run) => run.toData),
        roundTrips,
        'sandbox round trip (balance, same page)',
      ),
    ),
    measured({ section, name: 'sandbox round trip (balance, fetch from the page)', unit: 'ms' }, roundTrips),
    exact({ section, name: 'long tasks > 50 ms during load (worst run)', unit: '', target: { max: 0 } }, Math.max(...all.map((run) => run.longTasks))),
    exact({ section, name: 'cumulative layout shift (worst run)', unit: '', target: { max: 0 } }, Math.max(...all.map((run) => run.shift))),
  ];
}
