/**
 * The design tokens. Partners set the public `--kb-*` properties on the
 * provider or any ancestor; `<kb-provider theme>` supplies the light or dark
 * defaults as `--kb-theme-*`; each widget resolves both into private `--_kb-*`
 * values on its host, falling back to the light theme without a provider.
 */
import { css, unsafeCSS } from 'lit';

/** Token name (after `--kb-`) → [light, dark]. */
const THEMED = {
  'color-accent': ['#0b57d0', '#a8c7fa'],
  'color-on-accent': ['#ffffff', '#062e6f'],
  'color-surface': ['#ffffff', '#1b1c1f'],
  'color-surface-raised': ['#f3f5f9', '#2a2c31'],
  'color-text': ['#1b1c1f', '#e8eaed'],
  'color-text-muted': ['#5b5f67', '#b4b8c0'],
  'color-border': ['#c7cbd3', '#4a4e56'],
  'color-danger': ['#b3261e', '#ffb4ab'],
  'color-success': ['#146c2e', '#6dd58c'],
  'color-warning': ['#8a4b00', '#ffb870'],
  shadow: ['0 1px 2px rgb(0 0 0 / 0.12), 0 2px 6px rgb(0 0 0 / 0.08)', '0 1px 2px rgb(0 0 0 / 0.5), 0 2px 8px rgb(0 0 0 / 0.4)'],
  'focus-ring': ['0 0 0 2px #ffffff, 0 0 0 4px #0b57d0', '0 0 0 2px #1b1c1f, 0 0 0 4px #a8c7fa'],
} as const;

/** Tokens that do not change with the theme. */
const FIXED = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // Pixels, not rem: a host page's huge root font size must not blow the widgets up
  // (set --kb-font-size: 1rem to follow the page's root size on purpose).
  'font-size': '16px',
  radius: '12px',
  space: '8px',
} as const;

type ThemedToken = keyof typeof THEMED;
type FixedToken = keyof typeof FIXED;

/** Every public token name, without the `--kb-` prefix. */
export const TOKEN_NAMES = [...Object.keys(FIXED), ...Object.keys(THEMED)] as (ThemedToken | FixedToken)[];

function themeDeclarations(index: 0 | 1): string {
  return Object.entries(THEMED)
    .map(([name, values]) => `--kb-theme-${name}: ${values[index]};`)
    .join('\n');
}

/** The provider's theme: `light`, `dark`, or `auto` (follows prefers-color-scheme). */
export const themeStyles = css`
  :host {
    ${unsafeCSS(themeDeclarations(0))}
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${unsafeCSS(themeDeclarations(1))}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${unsafeCSS(themeDeclarations(1))}
      color-scheme: dark;
    }
  }
`;

function widgetDeclarations(): string {
  const themed = Object.entries(THEMED).map(
    ([name, values]) => `--_kb-${name}: var(--kb-${name}, var(--kb-theme-${name}, ${values[0]}));`,
  );
  const fixed = Object.entries(FIXED).map(([name, value]) => `--_kb-${name}: var(--kb-${name}, ${value});`);
  return [...fixed, ...themed].join('\n');
}

/** Every widget's host: the resolved tokens, as `--_kb-*`. */
export const tokenStyles = css`
  :host {
    ${unsafeCSS(widgetDeclarations())}
  }
`;
