import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { skeletonStyles } from '../shared/skeleton.styles.js';
import { noteStyles } from '../shared/note.styles.js';
import { badgeStyles } from '../shared/badge.styles.js';

export default [
  tokenStyles,
  baseStyles,
  skeletonStyles,
  noteStyles,
  badgeStyles,
  css`
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--_kb-space);
      min-height: 2.75em;
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .title {
      white-space: nowrap;
      line-height: 1.4;
    }
    .label {
      line-height: 1.4;
      min-height: 1.4em;
    }
    .badge {
      background: var(--_kb-color-surface-raised);
      color: var(--_kb-color-danger);
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: var(--_kb-space);
    }
    .amount {
      font-size: 2em;
      line-height: 1.2;
      min-height: 1.2em;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      letter-spacing: -0.01em;
    }
    .amount.low {
      color: var(--_kb-color-warning);
    }
    .tariff {
      line-height: 1.4;
      min-height: 1.4em;
    }
    .tariff .name {
      font-weight: 600;
    }
    .meters {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: 1fr;
      gap: calc(var(--_kb-space) * 1.25);
    }
    .meter {
      display: grid;
      grid-template-columns: 1fr auto;
      row-gap: calc(var(--_kb-space) * 0.5);
      column-gap: var(--_kb-space);
      align-items: baseline;
      min-height: calc(1.4em * 2 + 8px + var(--_kb-space));
      font-size: 0.9375em;
    }
    .meter .kind {
      font-weight: 600;
    }
    .meter .value {
      font-variant-numeric: tabular-nums;
      text-align: end;
    }
    .track {
      grid-column: 1 / -1;
      height: 8px;
      border-radius: 4px;
      background: var(--_kb-color-border);
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      border-radius: 4px;
      background: var(--_kb-color-accent);
    }
    .renews {
      grid-column: 1 / -1;
      color: var(--_kb-color-text-muted);
      font-size: 0.875em;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_kb-space);
      border-top: 1px solid var(--_kb-color-border);
      padding-top: var(--_kb-space);
    }
    .footer .as-of {
      flex: 1;
      min-width: 8ch;
    }
    .message {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_kb-space);
      min-height: 8em;
      justify-content: center;
    }
    ::slotted([slot='actions']) {
      min-height: 44px;
    }

    @container (min-width: 560px) {
      .meters {
        grid-template-columns: repeat(3, 1fr);
      }
      .amount {
        font-size: 2.5em;
      }
    }
    @container (max-width: 360px) {
      .title {
        white-space: normal;
      }
      .amount {
        font-size: 1.75em;
      }
    }
    @media (forced-colors: active) {
      .track {
        border: 1px solid CanvasText;
        background: Canvas;
      }
      .fill {
        background: Highlight;
        forced-color-adjust: none;
      }
      .badge {
        border-color: CanvasText;
      }
    }
  `,
];
