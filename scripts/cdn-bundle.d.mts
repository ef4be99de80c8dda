import type { Plugin, RollupLog, RollupOptions } from 'rollup';

/** Every element with a registering module `kb-x/kb-x.ts`, sorted. */
export function widgetTags(widgetsSrc: string): string[];
/** A Subresource Integrity value: `sha384-` and the base64 digest of the file's bytes. */
export function sri(code: string | Uint8Array): string;
/** The rollup options for dist/cdn/, given the shared resolve/minify plugins. */
export function cdnBundle(options: {
  root: string;
  outDir: string;
  plugins: Plugin[];
  onwarn?: (warning: RollupLog, warn: (log: RollupLog) => void) => void;
}): RollupOptions;
