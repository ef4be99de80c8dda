import type { Plugin, RollupLog } from 'rollup';

/** The JavaScript version every bundle targets. */
export const target: string;
/** The widgets' Lit templates and styles, minified. */
export function templates(): Plugin;
/** Resolution and minification of a browser bundle, with the tsconfig under `root`. */
export function browserPlugins(root: string): Plugin[];
/** Rollup's warnings, without the circular imports inside dependencies. */
export function onwarn(warning: RollupLog, warn: (log: RollupLog) => void): void;
