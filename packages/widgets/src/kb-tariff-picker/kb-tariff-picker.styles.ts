import { css } from 'lit';
import { tokenStyles } from '../shared/tokens.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { skeletonStyles } from '../shared/skeleton.styles.js';
import { noteStyles } from '../shared/note.styles.js';

export default [
  tokenStyles,
  baseStyles,
  skeletonStyles,
  noteStyles,
  css`
    :host {
      --_list-height: var(--kb-tariff-list-height, 30em);
    }
    .header {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 0.25);
    }
    .title:focus {
      outline: none;
    }
    .region,
    .current-line {
      line-height: 1.4;
      min-height: 1.4em;
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 1.25);
      min-width: 0;
    }
    .message {
      align-items: flex-start;
      min-height: 8em;
      justify-content: center;
    }

    /* ---- toolbar ---- */
    .toolbar {
      display: grid;
      grid-template-columns: 1fr;
      gap: var(--_kb-space) calc(var(--_kb-space) * 2);
    }
    fieldset.group {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    legend,
    .legend {
      padding: 0;
      margin-bottom: calc(var(--_kb-space) * 0.5);
      font-weight: 600;
      font-size: 0.875em;
      display: block;
    }
    .fee-fields {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_kb-space);
    }
    .fee-field {
      display: flex;
      align-items: center;
      gap: calc(var(--_kb-space) * 0.75);
      font-weight: 400;
      flex: 1 1 8em;
    }
    .fee-field input {
      min-width: 0;
    }
    .fee .error {
      margin-top: calc(var(--_kb-space) * 0.5);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_kb-space) * 0.75);
    }
    .chip {
      position: relative;
      font-weight: 400;
      font-size: 0.9375em;
    }
    .chip-face {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_kb-space) * 0.5);
      min-height: 44px;
      padding: 0 calc(var(--_kb-space) * 1.5);
      border: 1px solid var(--_kb-color-border);
      border-radius: 999px;
      background: var(--_kb-color-surface);
      cursor: pointer;
      white-space: nowrap;
    }
    .chip input:checked + .chip-face {
      background: var(--_kb-color-accent);
      border-color: var(--_kb-color-accent);
      color: var(--_kb-color-on-accent);
    }
    .chip input:focus-visible + .chip-face,
    .compare-toggle input:focus-visible ~ .box {
      box-shadow: var(--_kb-focus-ring);
    }
    select {
      box-sizing: border-box;
      display: block;
      width: 100%;
      min-height: 44px;
      margin: 0;
      padding: 0 var(--_kb-space);
      border: 1px solid var(--_kb-color-border);
      border-radius: calc(var(--_kb-radius) * 0.75);
      background: var(--_kb-color-surface);
      color: var(--_kb-color-text);
      font: inherit;
      cursor: pointer;
    }
    select:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_kb-focus-ring);
    }
    .sort {
      font-weight: 400;
    }
    .count-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_kb-space);
      min-height: 44px;
    }

    /* ---- list ---- */
    .scroll {
      max-height: var(--_list-height);
      overflow: auto;
      overscroll-behavior: contain;
      border: 1px solid var(--_kb-color-border);
      border-radius: calc(var(--_kb-radius) * 0.75);
    }
    .scroll.virtual {
      max-height: none;
      overflow: hidden;
    }
    /* The virtualized list scrolls itself. A scrollbar that appears once the rows are measured would narrow
       them, re-wrap their text and measure again in the same frame: keep its room from the start. */
    .scroll.virtual .list {
      scrollbar-gutter: stable;
    }
    .scroll.no-match {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_kb-space);
      padding: calc(var(--_kb-space) * 2);
    }
    .list {
      display: block;
    }
    .row {
      box-sizing: border-box;
      width: 100%;
      /* A row's layout never reaches outside it: moving or refilling one does not lay out the others. */
      contain: layout paint style;
      display: grid;
      grid-template-columns: 1fr;
      gap: var(--_kb-space);
      padding: calc(var(--_kb-space) * 1.5);
      border-bottom: 1px solid var(--_kb-color-border);
      background: var(--_kb-color-surface);
    }
    .row.checked {
      background: var(--_kb-color-surface-raised);
      box-shadow: inset 4px 0 0 var(--_kb-color-accent);
    }
    .pick {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: calc(var(--_kb-space) * 0.25) var(--_kb-space);
      cursor: pointer;
      border-radius: calc(var(--_kb-radius) * 0.5);
      min-width: 0;
    }
    .pick:focus-visible {
      outline: 2px solid transparent;
      box-shadow: var(--_kb-focus-ring);
    }
    .name-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_kb-space) * 0.5);
      min-width: 0;
    }
    .name {
      font-weight: 600;
      font-size: 1.0625em;
    }
    .fee {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      text-align: end;
    }
    .facts {
      grid-column: 1 / -1;
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 0.25);
      font-size: 0.9375em;
    }
    .options,
    .description {
      color: var(--_kb-color-text-muted);
      font-size: 0.9375em;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      padding: 0 var(--_kb-space);
      border-radius: 999px;
      font-size: 0.8125em;
      font-weight: 600;
      border: 1px solid currentColor;
      color: var(--_kb-color-accent);
      white-space: nowrap;
    }
    .badge.current {
      color: var(--_kb-color-success);
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_kb-space);
    }
    .compare-toggle {
      position: relative;
      display: inline-flex;
      align-items: center;
      gap: var(--_kb-space);
      min-height: 44px;
      font-weight: 400;
      cursor: pointer;
    }
    .compare-toggle.disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .box {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 1.375em;
      height: 1.375em;
      border: 2px solid var(--_kb-color-text-muted);
      border-radius: 4px;
      background: var(--_kb-color-surface);
      color: var(--_kb-color-on-accent);
    }
    .compare-toggle input:checked ~ .box {
      background: var(--_kb-color-accent);
      border-color: var(--_kb-color-accent);
    }
    .box svg.icon {
      width: 1em;
      height: 1em;
    }
    .skeleton-row {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 0.75);
      min-height: calc(var(--_list-height) / 4);
    }

    /* ---- compare tray and table ---- */
    .compare-tray {
      position: sticky;
      bottom: 0;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_kb-space);
      padding: var(--_kb-space) calc(var(--_kb-space) * 1.5);
      border: 1px solid var(--_kb-color-accent);
      border-radius: calc(var(--_kb-radius) * 0.75);
      background: var(--_kb-color-surface-raised);
    }
    .tray-text {
      display: flex;
      flex-direction: column;
    }
    .table-scroll {
      overflow-x: auto;
      max-width: 100%;
    }
    .compare-table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.9375em;
    }
    .compare-table th,
    .compare-table td {
      text-align: start;
      vertical-align: top;
      padding: var(--_kb-space);
      border-bottom: 1px solid var(--_kb-color-border);
      min-width: 8em;
    }
    .compare-table thead th {
      font-size: 1.0625em;
    }
    .compare-table thead .badge {
      margin-inline-start: calc(var(--_kb-space) * 0.5);
    }
    .compare-table tbody th {
      color: var(--_kb-color-text-muted);
      font-weight: 600;
    }

    /* ---- dialogs ---- */
    dialog {
      box-sizing: border-box;
      width: min(40em, calc(100vw - 2em));
      max-height: calc(100vh - 2em);
      padding: calc(var(--_kb-space) * 3);
      border: 1px solid var(--_kb-color-border);
      border-radius: var(--_kb-radius);
      background: var(--_kb-color-surface);
      color: var(--_kb-color-text);
      font-family: var(--_kb-font-family);
      font-size: var(--_kb-font-size);
      line-height: 1.4;
      box-shadow: var(--_kb-shadow);
    }
    dialog.compare {
      width: min(56em, calc(100vw - 2em));
    }
    dialog[open] {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_kb-space) * 2);
    }
    dialog::backdrop {
      background: rgb(0 0 0 / 0.45);
    }
    .summary {
      margin: 0;
      display: grid;
      gap: var(--_kb-space);
    }
    .summary div {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: calc(var(--_kb-space) * 0.5) var(--_kb-space);
      padding-bottom: var(--_kb-space);
      border-bottom: 1px solid var(--_kb-color-border);
    }
    .summary dt {
      color: var(--_kb-color-text-muted);
    }
    .summary dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .actions.end {
      justify-content: flex-end;
    }
    .footer {
      display: flex;
      justify-content: flex-end;
      align-items: center;
      gap: var(--_kb-space);
      border-top: 1px solid var(--_kb-color-border);
      padding-top: var(--_kb-space);
    }
    .as-of {
      flex: 1;
    }

    @container (min-width: 480px) {
      .toolbar {
        grid-template-columns: 1fr 1fr;
      }
      .row {
        grid-template-columns: 1fr auto;
        align-items: start;
      }
      .row-actions {
        flex-direction: column;
        align-items: flex-end;
      }
    }
    @media (forced-colors: active) {
      .row.checked {
        outline: 2px solid Highlight;
        outline-offset: -2px;
      }
      .chip input:checked + .chip-face,
      .compare-toggle input:checked ~ .box {
        background: Highlight;
        color: HighlightText;
        forced-color-adjust: none;
      }
      .badge {
        border-color: CanvasText;
      }
      .pick:focus-visible,
      select:focus-visible,
      .chip input:focus-visible + .chip-face {
        outline: 2px solid Highlight;
      }
    }
  `,
];
