/** A widget's form: its fields and actions in one column. */
import { css } from 'lit';

export const formStyles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_kb-space) * 1.5);
    margin: 0;
  }
`;
