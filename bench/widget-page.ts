/**
 * The page the browser benches load: the CDN bundle on a bare page, one
 * `<kb-provider>` signed in by session token, the widgets asked for inside it.
 * `probe.js` runs before the bundle: it marks when the bundle starts and
 * records long tasks and layout shifts from the very start.
 */
export interface WidgetPageOptions {
  apiBase: string;
  sessionToken: string;
  /** Markup inside the provider, such as `<kb-balance-card></kb-balance-card>` repeated. */
  inner: string;
  /** The number the partner minted the token for, as its page may pass it (`msisdn` attribute). */
  msisdn?: string;
  /** Files of dist/cdn/ the page preloads with `<link rel="modulepreload">`, as the partner-bank example does. */
  preload?: readonly string[];
}

export const PROBE = `
performance.mark('kb-bundle-start');
window.__kb = { longTasks: [], shift: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__kb.longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__kb.shift += entry.value;
}).observe({ type: 'layout-shift', buffered: true });
`;

export function widgetPage(options: WidgetPageOptions): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kabinet bench</title>
<script type="module" src="./probe.js"></script>
<script type="module" src="./kabinet.js"></script>
${(options.preload ?? []).map((file) => `<link rel="modulepreload" href="./${file}">`).join('\n')}
</head>
<body>
<kb-provider api-base="${options.apiBase}" session-token="${options.sessionToken}"${options.msisdn ? ` msisdn="${options.msisdn}"` : ''} locale="ru">
${options.inner}
</kb-provider>
</body>
</html>`;
}
