import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { World } from '../.storybook/kabinet-world.js';

const meta: Meta = {
  title: 'Widgets/kb-provider',
  component: 'kb-provider',
  parameters: {
    docs: {
      description: {
        component:
          'Holds the client, session, active number, locale and theme for every widget inside it. In Storybook each story is wrapped in a provider whose client talks to the in-page sandbox; sign in with +7 916 123-45-67 and the code from the "Sandbox SMS" panel.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/** Sign-in and the balance side by side: sign in and the card fills in. */
export const Account: Story = {
  render: () => html`<div style="display: grid; gap: 16px; max-width: 720px">
    <kb-login></kb-login>
    <kb-balance-card></kb-balance-card>
  </div>`,
};

/** Signed in already. */
export const SignedIn: Story = {
  ...Account,
  parameters: { kabinet: { setup: (world: World) => world.signIn() } },
};

/** A partner's brand: a handful of `--kb-*` properties and a `::part()` rule. */
export const PartnerBrand: Story = {
  parameters: { kabinet: { setup: (world: World) => world.signIn() } },
  render: () => html`
    <style>
      .partner {
        --kb-color-accent: #00875a;
        --kb-color-on-accent: #ffffff;
        --kb-radius: 4px;
        --kb-font-family: Georgia, serif;
        --kb-shadow: none;
      }
      .partner kb-balance-card::part(amount) {
        letter-spacing: 0.02em;
      }
    </style>
    <div class="partner" style="display: grid; gap: 16px; max-width: 720px">
      <kb-login></kb-login>
      <kb-balance-card></kb-balance-card>
    </div>
  `,
};
