import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Msisdn } from '@kabinet/client';
import type { World } from '../.storybook/kabinet-world.js';
import { DEMO, loadFailedSetup, loadingSetup, staleSetup } from '../.storybook/kabinet-world.js';
import { fill, press, until, waitForText, widget } from './play.js';

/** Seeded numbers to try linking with (README "Test mode"); their password is `demo-password`. */
const ME = /GET \/v1\/me$/;
const LINKABLE = '+79161110001';
const PASSWORD = 'demo-password';
const signIn = (msisdn: Msisdn = DEMO) => (world: World) => world.signIn(msisdn);

const switcher = (canvas: HTMLElement) => widget(canvas, 'kb-number-switcher');
const openList = async (canvas: HTMLElement) => {
  const element = switcher(canvas);
  await until(() => element.shadowRoot?.querySelector('#trigger'), 'the switcher');
  element.shadowRoot!.querySelector<HTMLButtonElement>('#trigger')!.click();
  await until(() => element.shadowRoot?.querySelector('[role="listbox"]'), 'the list');
  return element;
};

/** Opens "Add a number", types the number and the password, and submits. */
const tryToLink = (phone: string, password = PASSWORD) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const element = switcher(canvasElement);
  await press(element, /Добавить номер|Add a number/);
  await fill(element, '#phone', phone);
  await fill(element, '#secret', password);
  await press(element, /Привязать номер|Link the number/);
  await until(() => element.shadowRoot?.querySelector('#phone-error, #proof-error')?.textContent || element.shadowRoot?.querySelector('.done'), 'an answer');
};

const meta: Meta = {
  title: 'Widgets/kb-number-switcher',
  component: 'kb-number-switcher',
  render: () => html`<kb-number-switcher></kb-number-switcher>`,
  parameters: { kabinet: { setup: signIn() } },
};
export default meta;

type Story = StoryObj;

/** The active number with its label; closed. */
export const Ready: Story = {};

/** The list open: the primary, an active link and a pending one with its date. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await openList(canvasElement);
  },
};

/** Beside a balance card: choosing a number switches the card (one balance request). */
export const WithBalanceCard: Story = {
  render: () => html`<div style="display: grid; gap: 16px">
    <kb-number-switcher></kb-number-switcher><kb-balance-card></kb-balance-card>
  </div>`,
};

/** A linked number is the active one. */
export const LinkedActive: Story = {
  parameters: { kabinet: { setup: async (world: World) => {
    await world.signIn();
    world.client.store.setActiveMsisdn('+79167654321');
  } } },
};

/** The pending link chosen: it stays unavailable, and says from when. */
export const PendingLink: Story = {
  play: async ({ canvasElement }) => {
    const element = await openList(canvasElement);
    element.shadowRoot!.querySelector<HTMLElement>('#option-79031112233')!.click();
    await waitForText(element, /станет доступен|becomes available/);
  },
};

/** Many numbers: the primary, two links and a number just added (pending). */
export const ManyNumbers: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        await world.client.links.add({ phone: LINKABLE, password: PASSWORD, label: 'Работа' });
      },
    },
  },
  play: async ({ canvasElement }) => {
    await openList(canvasElement);
  },
};

/** Loading: a skeleton of the button's size (held forever here). */
export const Loading: Story = {
  parameters: { kabinet: { setup: loadingSetup(ME) } },
};

/** The numbers could not load: plain words and "Try again". */
export const LoadFailed: Story = {
  name: 'Error',
  parameters: { kabinet: { setup: loadFailedSetup(ME) } },
};

/** A refresh failed: the last known numbers stay, with a note. */
export const Stale: Story = {
  parameters: { kabinet: { setup: staleSetup(ME, (client) => client.store.me()) } },
};

/** Nobody is signed in. */
export const SignedOut: Story = { parameters: { kabinet: { setup: async () => undefined } } };

/** The add-a-number form, empty. */
export const AddForm: Story = {
  play: async ({ canvasElement }) => {
    await press(switcher(canvasElement), /Добавить номер|Add a number/);
  },
};

/** Opens "Add a number" for the linkable number, to be confirmed by a code, and asks for the code. */
const askForCode = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const element = switcher(canvasElement);
  await press(element, /Добавить номер|Add a number/);
  await fill(element, '#phone', LINKABLE);
  await until(() => element.shadowRoot?.querySelector<HTMLInputElement>('input[value="code"]'), 'the code choice').then((radio) => radio.click());
  await press(element, /Отправить код|Send a code/);
  await waitForText(element, /Код отправлен|We sent a code/);
  return element;
};

/** The API wants a captcha for the code: the provider's `captcha` hook answers, then the code is sent. */
export const CodeCaptcha: Story = {
  parameters: {
    kabinet: {
      setup: async (world: World) => {
        await world.signIn();
        for (let i = 0; i < 3; i++) {
          await world.client.links.requestCode(LINKABLE);
          await world.advanceClock('PT61S');
        }
      },
    },
  },
  play: async (context) => void (await askForCode(context)),
};

/** A second code asked too soon: refused at the field, with the wait. */
export const CodeRateLimited: Story = {
  play: async (context) => {
    const element = await askForCode(context);
    await press(element, /Отправить код|Send a code/);
    await waitForText(element, /Попробуйте через|Try again in/);
  },
};

/** Linked: the pending state with its date. */
export const AddedPending: Story = { play: tryToLink(LINKABLE) };

/** Refused: another owner. */
export const RefusedOwnerMismatch: Story = { play: tryToLink('+79161110002') };
/** Refused: another region. */
export const RefusedRegionMismatch: Story = { play: tryToLink('+79631110003') };
/** Refused: "Number management" is off on the added number (named). */
export const RefusedNumberManagement: Story = { play: tryToLink('+79161110004') };
/** Refused: the "Mayak" tariff cannot be linked. */
export const RefusedTariff: Story = { play: tryToLink('+79161110005') };
/** Refused: the number is blocked. */
export const RefusedBlocked: Story = { play: tryToLink('+79161110006') };
/** Refused: already in the account. */
export const RefusedAlreadyLinked: Story = { play: tryToLink('+79167654321') };
/** Refused: a wrong password. */
export const RefusedWrongPassword: Story = { play: tryToLink(LINKABLE, 'wrong') };

/** Removing a linked number asks first. */
export const RemoveConfirmation: Story = {
  play: async ({ canvasElement }) => {
    const element = await openList(canvasElement);
    element.shadowRoot!.querySelector<HTMLElement>('#option-79167654321')!.dispatchEvent(new PointerEvent('pointermove'));
    await press(element, /Удалить \+7 916 765-43-21|Remove \+7 916 765-43-21/);
    await waitForText(element, /из кабинета\?|from the account\?/);
  },
};

/** Opens "Rename" for the linked number +7 916 765-43-21 (F2 in the list does the same). */
const startRenaming = async (canvas: HTMLElement) => {
  const element = await openList(canvas);
  element.shadowRoot!.querySelector<HTMLElement>('#option-79167654321')!.dispatchEvent(new PointerEvent('pointermove'));
  await press(element, /Переименовать \+7 916 765-43-21|Rename \+7 916 765-43-21/);
  await until(() => element.shadowRoot?.querySelector('#rename-label'), 'the label field');
  return element;
};

/** Renaming a linked number: its label in the field, Save and Cancel. */
export const Rename: Story = {
  play: async ({ canvasElement }) => {
    await startRenaming(canvasElement);
  },
};

/** Renaming refused: the label is longer than 32 characters; the error is at the field, the text stays. */
export const RenameTooLong: Story = {
  play: async ({ canvasElement }) => {
    const element = await startRenaming(canvasElement);
    await fill(element, '#rename-label', 'Очень длинное название для номера дочери');
    await press(element, /Сохранить|Save/);
    await until(() => element.shadowRoot?.querySelector('#rename-error')?.textContent, 'the error at the field');
  },
};

/** The narrowest supported container: 280 px, list open. */
export const Narrow: Story = {
  render: () => html`<div style="width: 280px"><kb-number-switcher></kb-number-switcher></div>`,
  play: async ({ canvasElement }) => {
    await openList(canvasElement);
  },
};
