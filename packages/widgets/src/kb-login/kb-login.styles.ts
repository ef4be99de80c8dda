import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { formStyles } from '../shared/form.styles.js';

export default [
  tokenStyles,
  baseStyles,
  formStyles,
  css`
    .sent {
      overflow-wrap: anywhere;
    }
    .sent strong {
      white-space: nowrap;
    }
    .notice {
      display: flex;
      gap: var(--_kb-space);
      align-items: flex-start;
      padding: var(--_kb-space) calc(var(--_kb-space) * 1.5);
      border-radius: calc(var(--_kb-radius) * 0.75);
      background: var(--_kb-color-surface-raised);
    }
    .notice:empty {
      display: none;
    }
    .signed-in {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_kb-space);
    }
    .signed-in .who {
      display: flex;
      flex-direction: column;
    }
    .signed-in .number {
      font-weight: 600;
      white-space: nowrap;
    }
    .countdown {
      font-variant-numeric: tabular-nums;
    }
    @container (min-width: 480px) {
      .row {
        display: flex;
        align-items: flex-end;
        gap: var(--_kb-space);
      }
      .row .field {
        flex: 1;
      }
    }
  `,
];
