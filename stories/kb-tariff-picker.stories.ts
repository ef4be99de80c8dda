import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { World } from '../.storybook/kabinet-world.js';
import { BLOCKED, DEMO, ZERO, idleSessionSetup, loadFailedSetup, loadingSetup, matches, staleSetup } from '../.storybook/kabinet-world.js';
import { fill, press, refreshAfterIdle, until, waitForText, widget } from './play.js';

const TARIFFS = /GET \/v1\/tariffs$/;
const signIn = (msisdn = DEMO) => (world: World) => world.signIn(msisdn);

/** The picker's shadow root, for steps the shared helpers do not cover. */
const shadow = (canvas: HTMLElement) => widget(canvas, 'kb-tariff-picker').shadowRoot!;

/** Clicks the row control (`button.switch`, the compare checkbox) of the tariff called `name`. */
async function inRow(canvas: HTMLElement, name: string | RegExp, selector: string): Promise<void> {
  const control = await until(() => {
    const row = [...shadow(canvas).querySelectorAll('.row')].find((candidate) => {
      const text = candidate.querySelector('.name')?.textContent?.trim() ?? '';
      return typeof name === 'string' ? text === name : name.test(text);
    });
    return row?.querySelector<HTMLElement>(selector);
  }, `${selector} of ${String(name)}`);
  control.click();
}

/** Presses a button of the open dialog. */
async function inDialog(canvas: HTMLElement, label: RegExp): Promise<void> {
  const button = await until(
    () => [...shadow(canvas).querySelectorAll<HTMLButtonElement>('dialog[open] button')].find((candidate) => label.test(candidate.textContent ?? '')),
    `dialog button ${String(label)}`,
  );
  button.click();
}

const openConfirm = (name: RegExp) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await inRow(canvasElement, name, 'button.switch');
  await until(() => shadow(canvasElement).querySelector('dialog[open]'), 'the confirmation');
};

const meta: Meta = {
  title: 'Widgets/kb-tariff-picker',
  component: 'kb-tariff-picker',
  render: () => html`<kb-tariff-picker></kb-tariff-picker>`,
  parameters: { kabinet: { setup: signIn() } },
};
export default meta;

type Story = StoryObj;

/** The catalog of the signed-in number: fee, packages, the current tariff marked and checked. */
export const Ready: Story = {};

/** Filtered: at most 700 ₽ a month, messengers not counted. */
export const Filtered: Story = {
  play: async ({ canvasElement }) => {
    const picker = widget(canvasElement, 'kb-tariff-picker');
    await fill(picker, 'input[name="fee-max"]', '700');
    await until(() => shadow(canvasElement).querySelector<HTMLInputElement>('input[name="unlimited-messengers"]'), 'the messengers chip').then((chip) => chip.click());
    await waitForText(picker, /2 из|2 of/);
  },
};

/** Nothing matches the filters: say so, and offer to reset them. */
export const NoMatch: Story = {
  play: async ({ canvasElement }) => {
    const picker = widget(canvasElement, 'kb-tariff-picker');
    await fill(picker, 'input[name="fee-max"]', '1');
    await fill(picker, 'input[name="fee-min"]', '5');
    await waitForText(picker, /Нет тарифов|No tariffs match/);
  },
};

/** Two tariffs chosen: the compare tray appears. */
export const CompareTray: Story = {
  play: async ({ canvasElement }) => {
    await inRow(canvasElement, /^(Мой смарт|Moy Smart)$/, 'input[type="checkbox"]');
    await inRow(canvasElement, /^(Мой онлайн|Moy Onlain)$/, 'input[type="checkbox"]');
    await waitForText(widget(canvasElement, 'kb-tariff-picker'), /Сравнить \(2\)|Compare \(2\)/);
  },
};

/** The side-by-side comparison of three tariffs. */
export const Comparison: Story = {
  play: async ({ canvasElement }) => {
    for (const name of [/^(Мой смарт|Moy Smart)$/, /^(Мой онлайн|Moy Onlain)$/, /^(Безлимитище|Bezlimitishche)$/]) {
      await inRow(canvasElement, name, 'input[type="checkbox"]');
    }
    await press(widget(canvasElement, 'kb-tariff-picker'), /Сравнить \(3\)|Compare \(3\)/);
    await until(() => shadow(canvasElement).querySelector('dialog[open] table'), 'the comparison');
  },
};

/** The confirmation: switch fee, first monthly fee, when it takes effect, balance after. */
export const Confirmation: Story = { play: openConfirm(/^(Мой смарт|Moy Smart)$/) };

/** A tariff that switches on the next billing date. */
export const ConfirmationNextPeriod: Story = { play: openConfirm(/^(Тарифище|Tarifishche)$/) };

/** Switched: the notice, the new current tariff, and the balance card beside it updated (fee deducted, new name). */
export const Changed: Story = {
  render: () => html`<div style="display: grid; gap: 16px">
    <kb-balance-card></kb-balance-card>
    <kb-tariff-picker></kb-tariff-picker>
  </div>`,
  play: async (context) => {
    await openConfirm(/^(Мой смарт|Moy Smart)$/)(context);
    await inDialog(context.canvasElement, /Сменить тариф|Switch tariff/);
    await waitForText(widget(context.canvasElement, 'kb-tariff-picker'), /Готово|Done/);
    await waitForText(widget(context.canvasElement, 'kb-balance-card'), /300,00|300\.00/);
  },
};

/** A switch scheduled for the billing date: the note and the badge on the row. */
export const Scheduled: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        await world.client.tariffs.change(DEMO, 'tarifishche');
      },
    },
  },
};

/** 0.00 RUB: the switch is refused in the dialog, saying how much to top up; nothing is charged. */
export const ZeroBalanceRefused: Story = {
  parameters: { kabinet: { setup: signIn(ZERO), smsTo: ZERO } },
  play: async (context) => {
    await openConfirm(/^(Мой смарт|Moy Smart)$/)(context);
    await inDialog(context.canvasElement, /Сменить тариф|Switch tariff/);
    await waitForText(widget(context.canvasElement, 'kb-tariff-picker'), /пополните счёт минимум на 50,00|top up at least RUB\s50\.00/);
  },
};

/** A blocked number may look, but the switch is refused with the reason. */
export const BlockedRefused: Story = {
  parameters: { kabinet: { setup: signIn(BLOCKED), smsTo: BLOCKED } },
  play: async (context) => {
    await openConfirm(/^(Мой онлайн|Moy Onlain)$/)(context);
    await inDialog(context.canvasElement, /Сменить тариф|Switch tariff/);
    await waitForText(widget(context.canvasElement, 'kb-tariff-picker'), /Номер заблокирован|number is blocked/);
  },
};

/** The switch could not reach the service: "Try again" repeats it with the same key (charged once). */
export const SwitchFailed: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        world.fail = matches(/POST \/v1\/numbers\/\d+\/tariff-changes/);
      },
    },
  },
  play: async (context) => {
    await openConfirm(/^(Мой смарт|Moy Smart)$/)(context);
    await inDialog(context.canvasElement, /Сменить тариф|Switch tariff/);
    await waitForText(widget(context.canvasElement, 'kb-tariff-picker'), /Дважды плата не спишется|Nothing was charged twice/);
  },
};

/** 1,000 tariffs: only the rows in view are in the DOM; filtering and scrolling stay smooth. */
export const ThousandTariffs: Story = {
  name: '1,000 tariffs',
  parameters: { kabinet: { setup: signIn(), tariffs: 1000 } },
};

/** Skeleton of the ready size while the catalog loads (held forever here). */
export const Loading: Story = {
  parameters: { kabinet: { setup: loadingSetup(TARIFFS) } },
};

/** The catalog could not load: plain words and "Try again" (which works: the failure was one-off). */
export const LoadFailed: Story = {
  name: 'Error',
  parameters: { kabinet: { setup: loadFailedSetup(TARIFFS) } },
};

/** A number that is not on the signed-in account: the refusal is explained. */
export const Refused: Story = {
  render: () => html`<kb-tariff-picker msisdn="+79160000000"></kb-tariff-picker>`,
};

/** The last good catalog stays while a refresh fails. */
export const Stale: Story = {
  parameters: { kabinet: { setup: staleSetup(TARIFFS, (client) => client.store.tariffs(DEMO)) } },
};

/** Nobody is signed in. */
export const SignedOut: Story = { parameters: { kabinet: { setup: async () => undefined } } };

/** The session ended after 20 idle minutes; shown after the next refresh. */
export const SessionExpired: Story = {
  parameters: { kabinet: { setup: idleSessionSetup } },
  play: refreshAfterIdle('kb-tariff-picker'),
};

/** The narrowest supported container: 280 px. */
export const Narrow: Story = {
  render: () => html`<div style="width: 280px"><kb-tariff-picker></kb-tariff-picker></div>`,
};

/** The widest supported container: 720 px. */
export const Wide: Story = {
  render: () => html`<div style="width: 720px"><kb-tariff-picker></kb-tariff-picker></div>`,
};

/** Dark theme, whatever the toolbar says. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** English: texts, money (`RUB 650`) and tariff names from the API. */
export const English: Story = { globals: { locale: 'en' } };
