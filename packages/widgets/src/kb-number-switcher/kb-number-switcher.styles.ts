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
    .switch {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 0.5);
    }
    .trigger {
      justify-content: space-between;
      width: 100%;
      min-height: 3.5em;
      padding: calc(var(--_kb-space) * 0.75) calc(var(--_kb-space) * 1.5);
      color: var(--_kb-color-text);
      text-align: start;
    }
    .skeleton-trigger {
      display: flex;
      border: 1px solid var(--_kb-color-border);
      border-radius: calc(var(--_kb-radius) * 0.75);
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
      gap: 2px;
    }
    .number {
      font-weight: 600;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .w-number {
      width: 10em;
    }
    .w-label {
      width: 6em;
    }
    svg.flip {
      transform: rotate(180deg);
    }
    .popup {
      border: 1px solid var(--_kb-color-border);
      border-radius: calc(var(--_kb-radius) * 0.75);
      background: var(--_kb-color-surface);
      box-shadow: var(--_kb-shadow);
      overflow: hidden;
    }
    .listbox {
      list-style: none;
      margin: 0;
      padding: calc(var(--_kb-space) * 0.5) 0;
      max-height: 20em;
      overflow-y: auto;
      outline: none;
    }
    .listbox:focus-visible {
      box-shadow: inset var(--_kb-focus-ring);
    }
    .option {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--_kb-space);
      min-height: 44px;
      padding: calc(var(--_kb-space) * 0.5) calc(var(--_kb-space) * 1.5);
      cursor: pointer;
    }
    .option[aria-disabled='true'] {
      cursor: default;
    }
    .option[aria-disabled='true'] .number {
      color: var(--_kb-color-text-muted);
    }
    .option.highlighted {
      background: var(--_kb-color-surface-raised);
      outline: 2px solid var(--_kb-color-accent);
      outline-offset: -2px;
    }
    .mark {
      display: inline-flex;
      width: 1.25em;
      color: var(--_kb-color-accent);
    }
    /* Grows to the row's end, but never narrower than the number: a badge that does not fit wraps below. */
    .option .who {
      flex: 1 1 auto;
    }
    /* Wrapped below, the badge lines up with the number, past the check mark. */
    .option .badge {
      margin-inline-start: calc(1.25em + var(--_kb-space));
    }
    .badge.active {
      color: var(--_kb-color-success);
    }
    .badge.pending {
      color: var(--_kb-color-warning);
    }
    .badge.blocked {
      color: var(--_kb-color-danger);
    }
    .popup-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_kb-space);
      border-top: 1px solid var(--_kb-color-border);
      padding: calc(var(--_kb-space) * 0.5);
    }
    .form,
    .done,
    .confirm {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 1.5);
      border-top: 1px solid var(--_kb-color-border);
      padding-top: calc(var(--_kb-space) * 1.5);
    }
    .proof {
      border: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_kb-space) * 0.5) calc(var(--_kb-space) * 2);
    }
    .proof legend {
      padding: 0;
      margin-bottom: calc(var(--_kb-space) * 0.5);
    }
    .choice {
      display: inline-flex;
      align-items: center;
      gap: var(--_kb-space);
      min-height: 44px;
      font-weight: 400;
      cursor: pointer;
    }
    .choice input {
      all: revert;
      width: 1.125em;
      height: 1.125em;
      margin: 0;
      accent-color: var(--_kb-color-accent);
    }
    .choice input:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_kb-focus-ring);
    }
    button.danger {
      background: var(--_kb-color-danger);
      border-color: var(--_kb-color-danger);
    }
    @media (forced-colors: active) {
      .option.highlighted {
        outline-color: Highlight;
      }
    }
  `,
];
