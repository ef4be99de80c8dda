/**
 * Leaks: each widget mounted into a signed-in provider and removed 1,000
 * times; the JS heap after a forced GC, before and after, must grow by less
 * than 1 MB. Each element is put in the page once first, so the script tag
 * loads its code; one the bundle does not define is reported as not built.
 */
import { exact, failed, notBuilt, type BenchContext, type Figure } from './bench.js';
import { PROBE, widgetPage } from './widget-page.js';

export const section = 'Leaks';

const CORE = ['kb-provider', 'kb-login', 'kb-balance-card', 'kb-tariff-picker', 'kb-number-switcher', 'kb-top-up-form'];
const CYCLES = 1000;

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const sandbox = await ctx.sandbox();
  const token = await ctx.sessionToken(sandbox);
  const page = await ctx.newPage();
  const html = widgetPage({ apiBase: sandbox.url, sessionToken: token, inner: '<kb-balance-card></kb-balance-card>' });
  await page.goto(await ctx.servePage(page, 'leaks', html, { 'probe.js': PROBE }));
  await page.locator('kb-balance-card').getByText('350,00').waitFor();
  const cdp = await page.context().newCDPSession(page);
  const heap = async (): Promise<number> => {
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const cycles = ctx.quick ? 200 : CYCLES;
  const mountUnmount = (tag: string, times: number) =>
    page.evaluate(
      async ({ tag, times }) => {
        const provider = document.querySelector('kb-provider')!;
        for (let i = 0; i < times; i++) {
          // A provider is measured with a card inside, as pages use it; other widgets inside the signed-in provider.
          const element = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
          if (tag === 'kb-provider') {
            element.setAttribute('api-base', provider.getAttribute('api-base')!);
            element.setAttribute('session-token', provider.getAttribute('session-token')!);
            element.append(document.createElement('kb-balance-card'));
            document.body.append(element);
          } else {
            provider.append(element);
          }
          await element.updateComplete;
          element.remove();
        }
      },
      { tag, times },
    );

  const figures: Figure[] = [];
  for (const tag of CORE) {
    const head = { section, name: `${tag}: heap growth after ${cycles} mount/unmount cycles`, unit: 'KB', target: { max: 1024 } };
    // The script tag loads a widget's code when its element first appears: show one, then wait for the definition.
    const defined = await page.evaluate(async (name) => {
      const first = document.body.appendChild(document.createElement(name));
      const loaded = await Promise.race([customElements.whenDefined(name).then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
      first.remove();
      return loaded;
    }, tag);
    if (!defined) {
      figures.push(notBuilt(head));
      continue;
    }
    try {
      await mountUnmount(tag, 50);
      const before = await heap();
      await mountUnmount(tag, cycles);
      const after = await heap();
      figures.push(exact(head, Math.max(0, after - before) / 1024));
    } catch (error) {
      figures.push(failed(head, error));
    }
  }
  return figures;
}
