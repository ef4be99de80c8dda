/**
 * What every widget shares: isolation from the host page's CSS, the card
 * box, buttons, fields, messages, the focus ring, reduced motion and forced
 * colors. Widgets add only their own layout on top.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    /* The host page's inherited styles (line-height, letter-spacing, text-align…) stop here. */
    all: initial;
    /* all: initial resets color-scheme too: keep the provider's, so native controls follow the theme. */
    color-scheme: inherit;
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: var(--_kb-font-family);
    font-size: var(--_kb-font-size);
    line-height: 1.4;
    color: var(--_kb-color-text);
    min-width: 0;
    max-width: 720px;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .base {
    /*
     * A second line of isolation: a page rule such as \`* { all: unset }\` beats
     * :host (the page's normal rules win over a shadow root's for the host
     * element), and then the host passes the page's font size, line height,
     * letter spacing and text transform down. The widget's own box resets them.
     */
    all: initial;
    color-scheme: inherit;
    font-family: var(--_kb-font-family);
    font-size: var(--_kb-font-size);
    line-height: 1.4;
    box-sizing: border-box;
    background: var(--_kb-color-surface);
    color: var(--_kb-color-text);
    border: 1px solid var(--_kb-color-border);
    border-radius: var(--_kb-radius);
    box-shadow: var(--_kb-shadow);
    padding: calc(var(--_kb-space) * 2);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_kb-space) * 1.5);
  }
  @container (min-width: 480px) {
    .base {
      padding: calc(var(--_kb-space) * 3);
    }
  }

  h2,
  h3,
  p {
    margin: 0;
    font: inherit;
  }
  .title {
    font-size: 1.125em;
    font-weight: 600;
  }
  .muted {
    color: var(--_kb-color-text-muted);
    font-size: 0.875em;
  }

  button {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_kb-space);
    min-height: 44px;
    min-width: 44px;
    padding: 0 calc(var(--_kb-space) * 2);
    border-radius: calc(var(--_kb-radius) * 0.75);
    border: 1px solid var(--_kb-color-border);
    background: var(--_kb-color-surface);
    color: var(--_kb-color-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    text-align: center;
    transition: background-color 0.15s ease, box-shadow 0.15s ease;
  }
  button:hover {
    background: var(--_kb-color-surface-raised);
  }
  button.primary {
    background: var(--_kb-color-accent);
    border-color: var(--_kb-color-accent);
    color: var(--_kb-color-on-accent);
  }
  button.primary:hover {
    filter: brightness(1.08);
  }
  button.link {
    border-color: transparent;
    background: transparent;
    padding: 0 var(--_kb-space);
  }
  button[disabled],
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_kb-focus-ring);
  }

  label {
    display: block;
  }
  /* A field's label and a group's legend read alike. */
  label,
  legend {
    font-weight: 600;
    font-size: 0.9375em;
  }
  /* Text fields; radios and checkboxes keep their native control. */
  input:not([type='radio'], [type='checkbox']) {
    all: unset;
    box-sizing: border-box;
    display: block;
    width: 100%;
    min-height: 44px;
    padding: 0 calc(var(--_kb-space) * 1.5);
    border: 1px solid var(--_kb-color-border);
    border-radius: calc(var(--_kb-radius) * 0.75);
    background: var(--_kb-color-surface);
    color: var(--_kb-color-text);
    font: inherit;
    font-size: 1.0625em;
    cursor: text;
  }
  input[aria-invalid='true'] {
    border-color: var(--_kb-color-danger);
  }
  input[type='radio'],
  input[type='checkbox'] {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_kb-color-accent);
    cursor: pointer;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_kb-space) * 0.5);
  }
  .error {
    color: var(--_kb-color-danger);
    font-size: 0.875em;
  }
  .error:empty {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_kb-space);
    align-items: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  svg.icon {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .spin {
    animation: kb-spin 1s linear infinite;
  }
  @keyframes kb-spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }

  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
    button {
      border-color: ButtonText;
      color: ButtonText;
      background: ButtonFace;
    }
    button.primary {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
    button:focus-visible,
    input:focus-visible {
      outline: 2px solid Highlight;
      outline-offset: 2px;
    }
    input {
      border-color: FieldText;
    }
  }
`;
