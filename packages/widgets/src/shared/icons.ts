/**
 * Inline SVG icons (no icon fonts, no external images). Decorative: hidden
 * from assistive technology; the control around them carries the name.
 */
import { svg, html } from 'lit';

const icon = (body: ReturnType<typeof svg>, extraClass = '') =>
  html`<svg class="icon ${extraClass}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;

export const refreshIcon = (spinning = false) =>
  icon(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7"/><path d="M20 4v7h-7"/>`, spinning ? 'spin' : '');
export const phoneIcon = () =>
  icon(svg`<rect x="6" y="2" width="12" height="20" rx="2"/><path d="M11 18h2"/>`);
export const lockIcon = () =>
  icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`);
export const alertIcon = () =>
  icon(svg`<path d="M12 3 2 21h20L12 3z"/><path d="M12 10v5"/><path d="M12 18h.01"/>`);
export const signOutIcon = () =>
  icon(svg`<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 17l-5-5 5-5"/><path d="M5 12h11"/>`);
export const backIcon = () => icon(svg`<path d="M15 6l-6 6 6 6"/>`);
export const chevronIcon = (open = false) => icon(svg`<path d="M6 9l6 6 6-6"/>`, open ? 'flip' : '');
export const checkIcon = () => icon(svg`<path d="M5 12l5 5 9-10"/>`);
export const plusIcon = () => icon(svg`<path d="M12 5v14"/><path d="M5 12h14"/>`);
