/** Path of the Chromium the browser tests drive (CHROME_PATH, system, Playwright's). */
export function chromiumPath(): string;
/** Flags for headless Chromium on a closed network. */
export const chromiumArgs: string[];
