import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { formStyles } from '../shared/form.styles.js';

export default [
  tokenStyles,
  baseStyles,
  formStyles,
  css`
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      padding: 0;
      margin-bottom: calc(var(--_kb-space) * 0.5);
    }
    .chips,
    .sources {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_kb-space);
    }
    .chips button[aria-pressed='true'] {
      background: var(--_kb-color-accent);
      color: var(--_kb-color-on-accent);
    }
    /* Each choice is already a 44px touch target: wrapped rows need no extra gap. */
    .sources {
      row-gap: 0;
    }
    .sources label {
      font-weight: 400;
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_kb-space) * 0.5);
      min-height: 44px;
    }
    /* The "from" number: a 44px touch target, like the other controls. */
    select {
      min-height: 44px;
      font: inherit;
    }
    select[aria-invalid='true'] {
      border-color: var(--_kb-color-danger);
    }
    .card-row {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: var(--_kb-space);
    }
    /* The card's brand sits beside the label, so it takes no line of its own. */
    .label-row {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: var(--_kb-space);
    }
    .brand {
      font-weight: 600;
      color: var(--_kb-color-text-muted);
    }
    dl.summary {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: calc(var(--_kb-space) * 0.5) var(--_kb-space);
      margin: 0;
    }
    dl.summary dt {
      color: var(--_kb-color-text-muted);
    }
    dl.summary dd {
      margin: 0;
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .total {
      font-weight: 600;
    }
    dialog {
      border: 0;
      border-radius: var(--_kb-radius);
      padding: calc(var(--_kb-space) * 2);
      background: var(--_kb-color-surface);
      color: var(--_kb-color-text);
      max-width: min(480px, 100%);
    }
    dialog iframe {
      width: 100%;
      min-height: 260px;
      border: 1px solid var(--_kb-color-border);
      border-radius: calc(var(--_kb-radius) * 0.5);
    }
    .notice {
      padding: var(--_kb-space) calc(var(--_kb-space) * 1.5);
      border-radius: calc(var(--_kb-radius) * 0.75);
      background: var(--_kb-color-surface-raised);
    }
  `,
];
