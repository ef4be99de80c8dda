import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Money } from '@kabinet/client';
import { DEMO, ZERO, matches, type World } from '../.storybook/kabinet-world.js';
import { fill, press, waitForText, widget } from './play.js';

const signIn = (world: World) => world.signIn();
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const YEAR = String(NEXT_YEAR % 100).padStart(2, '0');
const rub = (rubles: number): Money => ({ amount: rubles * 100, currency: 'RUB' });
const card = (number: string) => ({ type: 'card' as const, card: { number, expMonth: 12, expYear: NEXT_YEAR, cvc: '123' } });
/** Replaces the default sign-in (story parameters merge into the meta's). */
const signedOut = async () => undefined;
/** Anonymous: the publishable key of test mode, as on a partner's page. */
const anonymous = { kabinet: { setup: signedOut, publishableKey: 'pk_test_demo' } };

/** Types a test card (and optionally a number and an amount) and presses "Pay". */
const payWith = (cardNumber: string, options: { amount?: string; msisdn?: string } = {}) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const form = widget(canvasElement, 'kb-top-up-form');
    await waitForText(form, 'Оплатить');
    if (options.msisdn) await fill(form, '#msisdn', options.msisdn);
    if (options.amount) await fill(form, '#amount', options.amount);
    await fill(form, '#card', cardNumber);
    await fill(form, '#expiry', `12/${YEAR}`);
    await fill(form, '#cvc', '123');
    await press(form, 'Оплатить');
  };

/** The form with the `heading` control's value (empty: the default title). */
const form = (heading: unknown) => html`<kb-top-up-form heading=${typeof heading === 'string' && heading ? heading : nothing}></kb-top-up-form>`;

const meta: Meta = {
  title: 'Widgets/kb-top-up-form',
  component: 'kb-top-up-form',
  args: { heading: '' },
  argTypes: { heading: { control: 'text', description: 'The form\'s title instead of "Пополнить" / "Top up"' } },
  render: ({ heading }) => html`<kb-balance-card></kb-balance-card>${form(heading)}`,
  parameters: { kabinet: { setup: signIn } },
};
export default meta;

type Story = StoryObj;

/** Signed in: the active number prefilled, presets, limits, source choice, fee and total. */
export const SignedIn: Story = {};

/** Signed out on a page with a publishable key: free number entry, card only, no balance shown. */
export const Anonymous: Story = {
  render: ({ heading }) => form(heading),
  parameters: anonymous,
};

/** A page with two forms names each: `heading` titles the form and its region. */
export const OwnHeading: Story = {
  args: { heading: 'Картой любого банка' },
  render: ({ heading }) => form(heading),
  parameters: anonymous,
};

/** Signed out and no publishable key: the form says to sign in first and sends nothing. */
export const SignInRequired: Story = {
  render: () => html`<kb-top-up-form></kb-top-up-form>`,
  parameters: { kabinet: { setup: signedOut } },
  play: payWith('4242 4242 4242 4242', { msisdn: '+7 926 000-11-22' }),
};

/** 4242…: the receipt (amount, fee, new balance, reference) and the balance card updated. */
export const SuccessReceipt: Story = {
  play: async (context) => {
    await payWith('4242 4242 4242 4242')(context);
    await waitForText(widget(context.canvasElement, 'kb-top-up-form'), 'Платёж прошёл');
  },
};

/** 0002: the decline explained, the data kept except the CVC. */
export const Declined: Story = { play: payWith('4000 0000 0000 0002') };

/** 3220: the 3-D Secure dialog (in-page sandbox: approve / decline; a real server shows its challenge page). */
export const ThreeDSecure: Story = { play: payWith('4000 0000 0000 3220') };

/** 3220, the dialog closed: the payment stays pending (still checked), with the way back to the bank's page. */
export const ThreeDSecureClosed: Story = {
  play: async (context) => {
    await payWith('4000 0000 0000 3220')(context);
    const form = widget(context.canvasElement, 'kb-top-up-form');
    await press(form, 'Закрыть');
    await waitForText(form, 'Платёж обрабатывается');
  },
};

/** 3220 while the payment's status cannot be checked (no connection): the dialog says so and offers "Refresh". */
export const ThreeDSecureCheckFailed: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        world.fail = matches(/^GET \/v1\/top-ups\/./);
      },
    },
  },
  play: async (context) => {
    await payWith('4000 0000 0000 3220')(context);
    await waitForText(widget(context.canvasElement, 'kb-top-up-form'), 'Нет связи с сервисом');
  },
};

/** An amount past the per-payment limit, explained at the field. */
export const LimitExceeded: Story = { play: payWith('4242 4242 4242 4242', { amount: '20000' }) };

/** The number already got 30 000 ₽ today: the payment fails with the daily limit, nothing charged. */
export const DailyLimitExceeded: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        for (let i = 0; i < 2; i++) {
          await world.client.topUps.intent().submit({ msisdn: DEMO, amount: rub(15_000), source: card('4242 4242 4242 4242') });
        }
      },
    },
  },
  play: payWith('4242 4242 4242 4242'),
};

/** A slow operator (…105): shown as pending with its reference, never as failed; it succeeds after 3 s. */
export const Pending: Story = {
  render: () => html`<kb-top-up-form></kb-top-up-form>`,
  parameters: anonymous,
  play: async (context) => {
    await payWith('4242 4242 4242 4242', { msisdn: '+7 926 000-11-05' })(context);
    await waitForText(widget(context.canvasElement, 'kb-top-up-form'), 'Платёж обрабатывается');
  },
};

/** Paying with bonus points. */
export const BonusSource: Story = {
  play: async ({ canvasElement }) => {
    const form = widget(canvasElement, 'kb-top-up-form');
    await waitForText(form, 'Бонусами');
    form.shadowRoot?.querySelector<HTMLInputElement>('input[value="bonus"]')?.click();
  },
};

/** Moving money from another number of the account. */
export const NumberSource: Story = {
  play: async ({ canvasElement }) => {
    const form = widget(canvasElement, 'kb-top-up-form');
    await waitForText(form, 'С другого моего номера');
    form.shadowRoot?.querySelector<HTMLInputElement>('input[value="number"]')?.click();
  },
};

/** No other active number on the account: paying from one is stopped at the field, nothing sent. */
export const NumberSourceNone: Story = {
  parameters: { kabinet: { setup: (world: World) => world.signIn(ZERO) } },
  play: async ({ canvasElement }) => {
    const form = widget(canvasElement, 'kb-top-up-form');
    await waitForText(form, 'С другого моего номера');
    form.shadowRoot?.querySelector<HTMLInputElement>('input[value="number"]')?.click();
    await press(form, 'Оплатить');
    await waitForText(form, 'Нет другого активного номера');
  },
};

/** After earlier payments: recent numbers as choices and "Repeat: 300 ₽ to …" in one step. */
export const RecentAndRepeat: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        await world.client.topUps.intent().submit({ msisdn: '+79260001122', amount: rub(500), source: card('4242 4242 4242 4242') });
        await world.client.topUps.intent().submit({ msisdn: DEMO, amount: rub(300), source: { type: 'bonus' } });
      },
    },
  },
};
