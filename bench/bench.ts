/**
 * The contract between `npm run bench` (bench/run.ts) and its modules: every
 * `bench/*.bench.ts` exports `run(ctx)` and returns figures; the runner prints
 * them as one table and writes bench/results.json and bench/RESULTS.md. A
 * module may also export `section` (a string): if the whole module throws,
 * its failure row goes into that section.
 *
 * Machines here are shared and noisy, so a time is never one sample: measure
 * it repeatedly (`sample`), report the median with its spread (`stats`), and
 * put it beside a baseline measured in the same run (`compare`).
 *
 * @example
 * // bench/my-widget.bench.ts
 * import { compare, notBuilt, type BenchContext, type Figure } from './bench.js';
 * export async function run(ctx: BenchContext): Promise<Figure[]> {
 *   const page = await ctx.newPage();
 *   const ours = await ctx.sample(() => measureOurs(page));
 *   const base = await ctx.sample(() => measureStatic(page));
 *   return [compare({ section: 'Big data', name: 'filter → paint p50', unit: 'ms', target: { max: 16 } }, ours, base, 'static list')];
 * }
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SandboxServer } from '@kabinet/sandbox/node';

/** The sections of the table, in the order they are printed. */
export const SECTIONS = [
  'Weight',
  'Requests',
  'Time to data',
  'Big data',
  'Leaks',
  'Sandbox',
  'Lighthouse',
] as const;
export type Section = (typeof SECTIONS)[number] | (string & {});

/** Median and spread of repeated samples. */
export interface Stats {
  median: number;
  /** Interquartile range: the middle half of the samples lies in [q1, q3]. */
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** 95th percentile (nearest rank). */
  p95: number;
  n: number;
}

/** A target a figure is held to: at most `max`, at least `min`, or a sentence. */
export interface Target {
  max?: number;
  min?: number;
  /** Shown in the table instead of the generated `≤ max unit` text. */
  text?: string;
}

/** One row of the table. */
export interface Figure {
  section: Section;
  name: string;
  /** The measurement; null when it could not be taken (then `note` says why). */
  value: number | null;
  unit: string;
  /** How much repeated runs disagree; absent for deterministic figures (sizes, counts). */
  spread?: { kind: 'IQR' | 'min–max'; low: number; high: number; n: number };
  /** The same quantity for the reference measured in the same run. */
  baseline?: { name: string; value: number };
  /** value / baseline.value. */
  ratio?: number;
  target?: Target;
  /** Whether the target is met; absent when there is no target or no value. */
  met?: boolean;
  /** Why a value is missing, or what a reader should know about it. */
  note?: string;
}

/** A browser bundle built in this run with the same rollup + esbuild settings as `npm run build`. */
export interface BuiltBundle {
  name: string;
  /** Absolute path of the entry file the bundle was built from. */
  entry: string;
  /** Absolute path of the main output file. */
  file: string;
  /** Every output file (main + lazy chunks) with its raw size in bytes. */
  files: { file: string; bytes: number }[];
}

/** The sandbox and the examples host on their fixed demo ports. */
export interface DemoServers {
  sandbox: SandboxServer;
  /** http://127.0.0.1:8787 */
  apiOrigin: string;
  /** http://127.0.0.1:8080 */
  pageOrigin: string;
}

export interface BenchContext {
  /** Repository root, absolute, ending without a slash. */
  root: string;
  /** A scratch folder for this run, deleted afterwards. */
  tmpDir: string;
  /** `--quick`: fewer repetitions, for trying a module out; the figures are noisier. */
  quick: boolean;
  /** One headless Chromium for the whole run (system Chromium, scripts/chromium.mjs flags). */
  browser: Browser;
  /** A fresh browser context + page; both are closed by the runner after the module. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** A fresh browser context (closed by the runner after the module). */
  newContext(): Promise<BrowserContext>;
  /**
   * The script-tag bundle exactly as dist/cdn/ is built (scripts/cdn-bundle.mjs:
   * the loader `kabinet.js`, the shared runtime and client, one chunk per
   * widget, under `chunks/`), built once in this run into tmpDir.
   */
  cdnBundle(): Promise<BuiltBundle>;
  /** Builds any entry with the same settings as the CDN bundle (cached by entry). */
  buildBundle(name: string, entry: string): Promise<BuiltBundle>;
  /**
   * Serves `html` at `http://127.0.0.1:8080/bench/<name>/` on `page` (by request
   * interception, no port needed), with the CDN bundle at `./kabinet.js` beside
   * it; 8080 is an origin the sandbox allows by default. Returns the page URL.
   */
  servePage(page: Page, name: string, html: string, files?: Record<string, string | Buffer>): Promise<string>;
  /** A sandbox on a free port (memory PGlite, quiet), shared by the run; reset it with POST /sandbox/reset. */
  sandbox(): Promise<SandboxServer>;
  /** A session token for the seeded primary number (via the partner API, sk_test_demo). */
  sessionToken(sandbox: { url: string }, msisdn?: string): Promise<string>;
  /**
   * The sandbox and the examples host on 8787/8080 (the example page hardcodes
   * them); throws a clear error when a port is taken. Closed after the module.
   */
  demoServers(): Promise<DemoServers>;
  /** Runs `fn` `times` times (after `warmup` unrecorded runs) and returns the samples. */
  sample(fn: () => Promise<number> | number, options?: { times?: number; warmup?: number }): Promise<number[]>;
  /** Default repetition count for a time (fewer with --quick). */
  repeats: number;
  /** A progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

/** Median, quartiles, min/max and p95 of samples (nearest-rank percentiles on the sorted list). */
export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('stats of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
  };
  return {
    median: at(0.5),
    q1: at(0.25),
    q3: at(0.75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    p95: at(0.95),
    n: sorted.length,
  };
}

/** Whether `value` meets `target` (undefined when there is nothing to judge). */
export function meets(value: number | null, target: Target | undefined): boolean | undefined {
  if (value === null || !target || (target.max === undefined && target.min === undefined)) return undefined;
  return (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
}

type Head = Pick<Figure, 'section' | 'name' | 'unit' | 'target' | 'note'>;

/** A deterministic figure (a size, a count): no spread. */
export function exact(head: Head, value: number, baseline?: { name: string; value: number }): Figure {
  return {
    ...head,
    value,
    ...(baseline ? { baseline, ratio: baseline.value === 0 ? undefined : value / baseline.value } : {}),
    met: meets(value, head.target),
  };
}

/**
 * A measured figure from repeated samples: the median (or `pick`, e.g. p95)
 * with its IQR; the target is judged on the reported value.
 */
export function measured(head: Head, samples: readonly number[], pick: keyof Omit<Stats, 'n'> = 'median'): Figure {
  const s = stats(samples);
  const value = s[pick];
  const spread =
    pick === 'median'
      ? { kind: 'IQR' as const, low: s.q1, high: s.q3, n: s.n }
      : { kind: 'min–max' as const, low: s.min, high: s.max, n: s.n };
  return { ...head, value, spread, met: meets(value, head.target) };
}

/**
 * A measured figure beside a baseline sampled in the same run; the ratio is
 * of the medians (or of the picked statistic of both).
 */
export function compare(
  head: Head,
  samples: readonly number[],
  baselineSamples: readonly number[],
  baselineName: string,
  pick: keyof Omit<Stats, 'n'> = 'median',
): Figure {
  const figure = measured(head, samples, pick);
  const base = stats(baselineSamples)[pick];
  return { ...figure, baseline: { name: baselineName, value: base }, ratio: base === 0 ? undefined : figure.value! / base };
}

/** A row for something that cannot be measured yet (a widget not built, an endpoint missing). */
export function notBuilt(head: Head, why = 'widget not built yet'): Figure {
  return { ...head, value: null, note: `n/a (${why})` };
}

/** A row for a measurement that threw: the run goes on and the table says what broke. */
export function failed(head: Head, error: unknown): Figure {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  return { ...head, value: null, note: `failed: ${message.length > 100 ? `${message.slice(0, 100)}…` : message}` };
}
