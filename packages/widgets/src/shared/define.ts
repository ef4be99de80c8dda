/**
 * Safe custom-element registration: the widgets bundle may load twice on one
 * page (a partner's CDN tag plus an npm copy), and that must never throw.
 */

/** The version of @kabinet/widgets, stamped on every registered class. */
export const VERSION = '0.1.0';

const VERSION_KEY = Symbol.for('kabinet.widgets.version');

type Versioned = CustomElementConstructor & { [VERSION_KEY]?: string };

const warned = new Set<string>();

/**
 * Registers `tag` for `element` unless it is already registered.
 * The same class or the same version: skipped silently. Another version holds
 * the name: skipped with one console warning (the first registration wins).
 *
 * @example
 * define('kb-balance-card', KbBalanceCard);
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    (element as Versioned)[VERSION_KEY] = VERSION;
    customElements.define(tag, element);
    return;
  }
  if (existing === element || existing[VERSION_KEY] === VERSION) return;
  if (warned.has(tag)) return;
  warned.add(tag);
  console.warn(
    `<${tag}> is already registered by ${existing[VERSION_KEY] ? `@kabinet/widgets ${existing[VERSION_KEY]}` : 'another script'}; ` +
      `@kabinet/widgets ${VERSION} keeps the existing definition.`,
  );
}
