import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { World } from '../.storybook/kabinet-world.js';
import { BLOCKED, DEMO, ZERO, idleSessionSetup, loadFailedSetup, loadingSetup, staleSetup } from '../.storybook/kabinet-world.js';
import { refreshAfterIdle } from './play.js';

const BALANCE = /GET \/v1\/numbers\/\d+\/balance/;
const signIn = (msisdn = DEMO) => (world: World) => world.signIn(msisdn);

const meta: Meta = {
  title: 'Widgets/kb-balance-card',
  component: 'kb-balance-card',
  render: () => html`<kb-balance-card></kb-balance-card>`,
  parameters: { kabinet: { setup: signIn() } },
};
export default meta;

type Story = StoryObj;

/** The signed-in number: balance, tariff, package meters, "as of" and refresh. */
export const Ready: Story = {};

/** With host actions in the footer (`slot="actions"`). */
export const WithActions: Story = {
  render: () => html`<kb-balance-card>
    <button slot="actions" type="button" style="min-height: 44px">Top up</button>
  </kb-balance-card>`,
};

/** Skeleton of the ready size while the balance loads (held forever here). */
export const Loading: Story = {
  parameters: { kabinet: { setup: loadingSetup(BALANCE) } },
};

/** 0.00 RUB: warning color and a short note. */
export const ZeroBalance: Story = { parameters: { kabinet: { setup: signIn(ZERO), smsTo: ZERO } } };

/** A blocked number: badge and until when. */
export const Blocked: Story = { parameters: { kabinet: { setup: signIn(BLOCKED), smsTo: BLOCKED } } };

/** The balance could not load: plain words and "Try again" (which works: the failure was one-off). */
export const LoadFailed: Story = {
  name: 'Error',
  parameters: { kabinet: { setup: loadFailedSetup(BALANCE) } },
};

/** A number that is not on the signed-in account: the refusal is explained. */
export const Refused: Story = {
  render: () => html`<kb-balance-card msisdn="+79160000000"></kb-balance-card>`,
};

/** The last good data stays, with its time, while a refresh fails. */
export const Stale: Story = {
  parameters: { kabinet: { setup: staleSetup(BALANCE, (client) => client.store.balance(DEMO)) } },
};

/** Nobody is signed in. */
export const SignedOut: Story = { parameters: { kabinet: { setup: async () => undefined } } };

/** The session ended after 20 idle minutes; shown after the next refresh. */
export const SessionExpired: Story = {
  parameters: { kabinet: { setup: idleSessionSetup } },
  play: refreshAfterIdle('kb-balance-card'),
};

/** Three cards, one provider: one balance request. */
export const ThreeCards: Story = {
  render: () => html`<div style="display: grid; gap: 16px">
    <kb-balance-card></kb-balance-card><kb-balance-card></kb-balance-card><kb-balance-card></kb-balance-card>
  </div>`,
};

/** The narrowest supported container: 280 px. */
export const Narrow: Story = {
  render: () => html`<div style="width: 280px"><kb-balance-card></kb-balance-card></div>`,
};

/** The widest supported container: 720 px. */
export const Wide: Story = {
  render: () => html`<div style="width: 720px"><kb-balance-card></kb-balance-card></div>`,
};

/** Dark theme, whatever the toolbar says. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** English formatting (`RUB 350.00`). */
export const English: Story = { globals: { locale: 'en' } };
