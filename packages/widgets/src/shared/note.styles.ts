/**
 * The note: a short message in a raised box with its icon (an error, a
 * warning, a success, or plain information), as `<p class="note danger">`.
 */
import { css } from 'lit';

export const noteStyles = css`
  .note {
    display: flex;
    gap: calc(var(--_kb-space) * 0.75);
    align-items: flex-start;
    padding: var(--_kb-space) calc(var(--_kb-space) * 1.25);
    border-radius: calc(var(--_kb-radius) * 0.75);
    background: var(--_kb-color-surface-raised);
    font-size: 0.9375em;
  }
  .note.warning {
    color: var(--_kb-color-warning);
  }
  .note.danger {
    color: var(--_kb-color-danger);
  }
  .note.success {
    color: var(--_kb-color-success);
  }
`;
