/**
 * A widget's line to its `<kb-provider>`: the client, locale, captcha hook,
 * session and active number, each change requesting a host update.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KabinetClient, Locale, Msisdn } from '@kabinet/client';
import { kabinetContext, type CaptchaHook, type KabinetContext } from './context.js';
import { attachContextRoot } from './context-root.js';
import { widgetMessages, type Catalog, type CommonMessages } from './messages.js';

type Host = ReactiveControllerHost & HTMLElement;

const EMPTY: Catalog<object> = { en: {}, ru: {} };

/**
 * `M` is the widget's own catalog (its `kb-x/messages.ts`): `messages` is
 * that catalog merged with the shared texts, in the current locale.
 */
export class KabinetController<M extends object = object> implements ReactiveController {
  readonly #host: Host;
  readonly #catalog: Catalog<M> | undefined;
  #value: KabinetContext | undefined;
  #subscribedClient: KabinetClient | undefined;
  #unsubscribe: (() => void)[] = [];

  constructor(host: Host, catalog?: Catalog<M>) {
    this.#host = host;
    this.#catalog = catalog;
    host.addController(this);
    attachContextRoot(host.ownerDocument);
    new ContextConsumer(host, {
      context: kabinetContext,
      subscribe: true,
      callback: (value) => {
        this.#value = value;
        this.#watch(value?.client);
        host.requestUpdate();
      },
    });
  }

  /** The provider's client, or `undefined` outside a provider. */
  get client(): KabinetClient | undefined {
    return this.#value?.client;
  }
  get locale(): Locale {
    return this.#value?.locale ?? localeOf(this.#host);
  }
  get messages(): CommonMessages & M {
    return widgetMessages(this.#catalog ?? EMPTY, this.locale) as CommonMessages & M;
  }
  get captcha(): CaptchaHook | null {
    return this.#value?.captcha ?? null;
  }
  get session() {
    return this.#value?.client.session;
  }
  get activeMsisdn(): Msisdn | null {
    const client = this.#value?.client;
    return client ? (client.store.activeMsisdn ?? client.session.msisdn) : null;
  }

  hostConnected(): void {
    this.#watch(this.#value?.client);
  }
  hostDisconnected(): void {
    this.#watch(undefined);
  }

  #watch(client: KabinetClient | undefined): void {
    if (client === this.#subscribedClient && (client === undefined || this.#unsubscribe.length)) return;
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    this.#subscribedClient = client;
    if (!client || !this.#host.isConnected) return;
    const update = () => this.#host.requestUpdate();
    this.#unsubscribe.push(client.onSessionChange(update), client.store.onActiveMsisdnChange(update));
  }
}

/** The locale of the nearest `lang` around `element` (through shadow roots), else ru. */
export function localeOf(element: Element): Locale {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = node.closest('[lang]')?.getAttribute('lang');
      if (lang) return lang.toLowerCase().startsWith('en') ? 'en' : 'ru';
    }
    const root: Node = (node as Element).getRootNode?.() ?? null;
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'ru';
}
