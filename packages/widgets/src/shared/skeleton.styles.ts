/**
 * Loading placeholders: blocks with the ready state's exact heights, so data
 * arrives without a layout shift. The shimmer stops under reduced motion.
 */
import { css } from 'lit';

export const skeletonStyles = css`
  .skeleton {
    display: block;
    border-radius: calc(var(--_kb-radius) * 0.5);
    background: linear-gradient(
      90deg,
      var(--_kb-color-surface-raised) 0%,
      var(--_kb-color-border) 50%,
      var(--_kb-color-surface-raised) 100%
    );
    background-size: 200% 100%;
    animation: kb-shimmer 1.4s ease-in-out infinite;
    color: transparent;
    user-select: none;
  }
  @keyframes kb-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
      background: var(--_kb-color-surface-raised);
    }
  }
  @media (forced-colors: active) {
    .skeleton {
      background: GrayText;
      forced-color-adjust: none;
    }
  }
`;
