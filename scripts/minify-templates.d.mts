import type { Plugin } from 'rollup';

/** CSS text with comments dropped and whitespace collapsed; line breaks kept. */
export function minifyCss(text: string): string;
/** HTML text with each run of whitespace collapsed to one space or its line breaks. */
export function minifyHtml(text: string): string;
/** The module with its `css`, `html` and `svg` templates minified, or `null` when it has none. */
export function minifyTemplates(code: string, fileName: string): string | null;
/** The rollup plugin, for the TypeScript modules whose path matches `include`. */
export function minifyTemplateLiterals(options: { include: RegExp }): Plugin;
