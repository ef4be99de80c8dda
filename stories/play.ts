/**
 * Drives a widget through its shadow DOM in play functions, the way a person
 * would: type into a field, press a button, wait for a text.
 */

export function widget<T extends HTMLElement = HTMLElement>(canvas: HTMLElement, tag: string): T {
  const found = canvas.querySelector<T>(tag);
  if (!found) throw new Error(`no <${tag}> in the story`);
  return found;
}

export async function until<T>(probe: () => T | null | undefined | false, what: string, timeout = 8000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const shadowText = (host: Element) => (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

export function waitForText(host: Element, expected: string | RegExp): Promise<true> {
  return until(
    () => (typeof expected === 'string' ? shadowText(host).includes(expected) : expected.test(shadowText(host))),
    `"${String(expected)}" in <${host.localName}>`,
  );
}

export async function fill(host: Element, selector: string, value: string): Promise<HTMLInputElement> {
  const input = await until(() => host.shadowRoot?.querySelector<HTMLInputElement>(selector), selector);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  return input;
}

export async function press(host: Element, label: string | RegExp): Promise<void> {
  const button = await until(
    () =>
      [...(host.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => {
        const name = `${b.textContent ?? ''} ${b.getAttribute('aria-label') ?? ''}`;
        return typeof label === 'string' ? name.includes(label) : label.test(name);
      }),
    `button ${String(label)}`,
  );
  button.click();
}

/**
 * For a widget whose session idled out (`idleSessionSetup`): once its data
 * shows, presses its refresh and waits for it to say the session has ended.
 */
export function refreshAfterIdle(tag: string) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> => {
    const host = widget(canvasElement, tag);
    await waitForText(host, /₽|RUB/);
    await press(host, /Обновить|Refresh/);
    await waitForText(host, /Сеанс завершён|session has ended/);
  };
}
