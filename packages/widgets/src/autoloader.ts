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

/** Where the loader looks: the document, or a shadow root (or element) of the page's own. */
export type LoaderRoot = Document | ShadowRoot | Element;

interface RunningLoader {
  version: string;
  warned: boolean;
  /** Loads the elements inside `root` now and as they are added. */
  watch(root: LoaderRoot): void;
}

type LoaderGlobal = typeof globalThis & { [LOADER_KEY]?: RunningLoader };

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
export function autoload(widgets: WidgetImports, version: string, root: LoaderRoot = document): boolean {
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
  const find = (node: LoaderRoot): void => {
    if (node instanceof Element) load(node.localName);
    for (const element of node.querySelectorAll(':not(:defined)')) load(element.localName);
  };

  // One observer for the document and every shadow root handed to `discover`.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) find(node);
    }
  });
  const watch = (target: LoaderRoot): void => {
    observer.observe(target, { childList: true, subtree: true });
    find(target);
  };
  page[LOADER_KEY] = { version, warned: false, watch };
  watch(root);
  return true;
}

/**
 * Loads the Kabinet elements inside `root`, now and as they are added. The
 * loader watches the document, and a page's own shadow roots are closed to
 * it: a host component that renders `<kb-*>` tags in its shadow DOM hands its
 * shadow root over once. Whichever copy of the bundle serves the page does
 * the loading.
 *
 * @example
 * import { discover } from 'https://cdn.example/kabinet/kabinet.js';
 * discover(this.shadowRoot);
 */
export function discover(root: LoaderRoot): void {
  const running = (globalThis as LoaderGlobal)[LOADER_KEY];
  if (!running) throw new Error('Kabinet: the loader has not started: load kabinet.js first.');
  running.watch(root);
}
