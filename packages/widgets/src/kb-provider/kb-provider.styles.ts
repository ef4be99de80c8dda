import { css } from 'lit';
import { themeStyles } from '../shared/tokens.styles.js';

export default [
  themeStyles,
  css`
    :host {
      display: contents;
    }
    :host([hidden]) {
      display: none;
    }
  `,
];
