/** Small shadow-DOM helpers for the browser tests: find, type, click, read. */
import { waitUntil } from '@open-wc/testing';

export function $(host: Element, selector: string): HTMLElement {
  const found = host.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`${host.localName}: nothing matches ${selector}`);
  return found;
}

export function maybe(host: Element, selector: string): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

/** The host's rendered text, whitespace collapsed. */
export function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function type(input: HTMLElement, value: string): void {
  const field = input as HTMLInputElement;
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: value, inputType: 'insertText' }));
}

export function blur(input: HTMLElement): void {
  input.blur();
  input.dispatchEvent(new FocusEvent('blur'));
}

/** Clicks the first button of `host` whose text (or aria-label) contains `label`. */
export function button(host: Element, label: string): HTMLButtonElement {
  const buttons = [...(host.shadowRoot?.querySelectorAll('button') ?? [])];
  const found = buttons.find((b) => (b.textContent ?? '').includes(label) || (b.getAttribute('aria-label') ?? '').includes(label));
  if (!found) throw new Error(`${host.localName}: no button "${label}" in: ${buttons.map((b) => b.textContent?.trim()).join(' | ')}`);
  return found;
}

export async function waitForText(host: Element, expected: string | RegExp, timeout = 5000): Promise<void> {
  await waitUntil(
    () => (typeof expected === 'string' ? text(host).includes(expected) : expected.test(text(host))),
    `${host.localName} never showed ${String(expected)}; it shows: ${text(host)}`,
    { timeout },
  );
}

export async function waitFor(host: Element, selector: string, timeout = 5000): Promise<HTMLElement> {
  await waitUntil(() => maybe(host, selector), `${host.localName}: ${selector} never appeared; shows: ${text(host)}`, { timeout });
  return $(host, selector);
}
