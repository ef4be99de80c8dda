/**
 * The script-tag bundle's loader: it watches the page for Kabinet elements
 * that are not defined yet and imports each widget's code the first time its
 * element appears, so a page with only a balance card never downloads the
 * tariff picker. Modelled on Shoelace's autoloader (a MutationObserver plus a
 * `:not(:defined)` query), without its global prefix scan of every element.
 */

/** Tag name → the dynamic import that registers that element. */
export type WidgetImports = Readonly<Record<string, () => Promise<unknown>>>;

/** Marks the page as having a running loader, across copies of the bundle. */
const LOADER_KEY = Symbol.for('kabinet.loader');

type LoaderGlobal = typeof globalThis & { [LOADER_KEY]?: { version: string; warned: boolean } };

/**
 * Starts loading widgets on demand. A second copy of the bundle (same or
 * another version) finds the first one running, warns once and does nothing:
 * the first copy's elements serve the whole page, so neither custom element
 * names nor the bundle's Trusted Types policy (`kabinet`) are ever registered twice.
 *
 * @returns whether this copy is the one serving the page.
 *
 * @example
 * autoload({ 'kb-balance-card': () => import('./kb-balance-card/kb-balance-card.js') }, '0.1.0');
 */
export function autoload(widgets: WidgetImports, version: string, root: Document = document): boolean {
  const page = globalThis as LoaderGlobal;
  const running = page[LOADER_KEY];
  if (running) {
    if (!running.warned) {
      running.warned = true;
      console.warn(
        `Kabinet ${version} was loaded again on this page; Kabinet ${running.version}, loaded first, keeps serving it. ` +
          'Include the script once.',
      );
    }
    return false;
  }
  page[LOADER_KEY] = { version, warned: false };

  const requested = new Set<string>();
  const load = (tag: string): void => {
    const importer = widgets[tag];
    if (!importer || requested.has(tag) || customElements.get(tag)) return;
    requested.add(tag);
    importer().catch((error: unknown) => {
      // A failed chunk (offline, blocked) may be retried when the element appears again.
      requested.delete(tag);
      console.error(`Kabinet could not load <${tag}>.`, error);
    });
  };
  const discover = (node: Element | Document): void => {
    if (node instanceof Element) load(node.localName);
    for (const element of node.querySelectorAll(':not(:defined)')) load(element.localName);
  };

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) discover(node);
    }
  }).observe(root, { childList: true, subtree: true });
  discover(root);
  return true;
}
