/**
 * The status badge: a small pill with an optional icon, in the colour of
 * its text (`<span class="badge">`). Widgets set the colour per status.
 */
import { css } from 'lit';

export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_kb-space) * 0.5);
    padding: 2px var(--_kb-space);
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 600;
    border: 1px solid currentColor;
  }
`;
