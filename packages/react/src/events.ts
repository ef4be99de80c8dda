/**
 * Which Kabinet events each element dispatches, and their React prop names
 * (`kb-top-up` → `onKbTopUp`), typed with each event's `detail`. The wrappers
 * and the JSX types both read this one list.
 */
import type { EventName } from '@lit/react';
import type { KabinetEvent, KabinetEventName } from '@kabinet/widgets';

/** The events each element dispatches (see each element's `@fires`). */
export const elementEvents = {
  // Every event bubbles and is composed, so the provider hears them all.
  'kb-provider': ['kb-login', 'kb-logout', 'kb-session-expired', 'kb-number-change', 'kb-tariff-change', 'kb-top-up', 'kb-error'],
  'kb-login': ['kb-login', 'kb-logout', 'kb-error'],
  'kb-balance-card': ['kb-error'],
  'kb-tariff-picker': ['kb-tariff-change', 'kb-error'],
  'kb-number-switcher': ['kb-error'],
  'kb-top-up-form': ['kb-top-up', 'kb-error'],
} as const satisfies Record<WidgetTag, readonly KabinetEventName[]>;

/** Every `kb-*` element @kabinet/widgets registers: a new one fails the type-check here until it has a wrapper. */
type WidgetTag = Extract<keyof HTMLElementTagNameMap, `kb-${string}`>;

export type KabinetTag = keyof typeof elementEvents;

type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** The React prop of an event: `kb-top-up` → `onKbTopUp`. */
export type EventPropName<N extends string> = `on${Pascal<N>}`;

/** `createComponent`'s `events` option for one element: prop name → typed event name. */
export type EventProps<T extends KabinetTag> = {
  [N in (typeof elementEvents)[T][number] as EventPropName<N>]: EventName<KabinetEvent<N>>;
};

/**
 * The `events` option of `createComponent` for `tag`.
 *
 * @example
 * eventProps('kb-top-up-form'); // { onKbTopUp: 'kb-top-up', onKbError: 'kb-error' }
 */
export function eventProps<T extends KabinetTag>(tag: T): EventProps<T> {
  const props: Record<string, string> = {};
  for (const name of elementEvents[tag]) {
    props[`on${name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}`] = name;
  }
  return props as EventProps<T>;
}
