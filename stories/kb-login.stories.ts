import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { World } from '../.storybook/kabinet-world.js';
import { DEMO, idleSessionSetup } from '../.storybook/kabinet-world.js';
import { fill, press, waitForText, widget } from './play.js';

const GET_CODE = /Получить код|Get code/;
const SIGN_IN = /^\s*(Войти|Sign in)\s*$/;

/** Opens the code step for the demo number. */
async function toCodeStep(canvas: HTMLElement) {
  const login = widget(canvas, 'kb-login');
  await fill(login, '#phone', '8 (916) 123-45-67');
  await press(login, GET_CODE);
  await waitForText(login, '3339');
  return login;
}

async function wrongCode(world: World, login: HTMLElement) {
  const [sms] = await world.sms(DEMO);
  const wrong = sms?.code === '000000' ? '111111' : '000000';
  await fill(login, '#code', wrong);
  await press(login, SIGN_IN);
}

/** Three sends within the hour: the fourth needs a captcha. */
async function exhaustFreeSends(world: World) {
  for (let i = 0; i < 3; i++) {
    await world.client.auth.requestCode(DEMO);
    await world.advanceClock('PT61S');
  }
}

const meta: Meta = {
  title: 'Widgets/kb-login',
  component: 'kb-login',
  render: () => html`<kb-login></kb-login>`,
  parameters: {
    docs: {
      description: {
        component:
          'Sign-in by phone number and SMS code. In these stories the sandbox runs in the page: sign in with **+7 916 123-45-67** and read the code in the "Sandbox SMS" panel below the widget.',
      },
    },
  },
};
export default meta;

type Story = StoryObj;

/** The phone step: any common way of typing a Russian number is accepted. */
export const PhoneStep: Story = {};

/** Typed text is kept; the message sits next to the field. */
export const InvalidNumber: Story = {
  play: async ({ canvasElement }) => {
    const login = widget(canvasElement, 'kb-login');
    const input = await fill(login, '#phone', '12345');
    input.blur();
    await waitForText(login, /российский мобильный номер|Russian mobile number/);
  },
};

/** The code was sent: where to, from 3339, the resend countdown. */
export const CodeStep: Story = {
  play: async ({ canvasElement }) => {
    await toCodeStep(canvasElement);
  },
};

/** A wrong code: attempts left. */
export const WrongCode: Story = {
  play: async ({ canvasElement, loaded }) => {
    const login = await toCodeStep(canvasElement);
    await wrongCode(loaded.world as World, login);
    await waitForText(login, /Осталось 2 попытки|2 attempts left/);
  },
};

/** Three wrong codes in a row: locked until a new code. */
export const Locked: Story = {
  play: async ({ canvasElement, loaded }) => {
    const login = await toCodeStep(canvasElement);
    const after = [/Осталось 2 попытки|2 attempts left/, /Осталась 1 попытка|1 attempt left/, /Получить новый код|Get a new code/];
    for (const expected of after) {
      await wrongCode(loaded.world as World, login);
      await waitForText(login, expected);
    }
  },
};

/** Locked, and a new code asked within the minute: refused, "Get a new code" disabled beside the countdown. */
export const NewCodeRateLimited: Story = {
  play: async (context) => {
    await Locked.play!(context);
    const login = widget(context.canvasElement, 'kb-login');
    await press(login, /Получить новый код|Get a new code/);
    await waitForText(login, /Попробуйте через|Try again in/);
  },
};

/** A code was sent a moment ago: the next one is refused with its retry time, counting down. */
export const RateLimited: Story = {
  parameters: { kabinet: { setup: async (world: World) => void (await world.client.auth.requestCode(DEMO)) } },
  play: async ({ canvasElement }) => {
    const login = widget(canvasElement, 'kb-login');
    await fill(login, '#phone', DEMO);
    await press(login, GET_CODE);
    await waitForText(login, /Попробуйте через|Try again in/);
  },
};

/** The API asks for a captcha: the provider's `captcha` hook answers, then the code is sent. */
export const Captcha: Story = {
  parameters: { kabinet: { setup: exhaustFreeSends } },
  play: async ({ canvasElement }) => {
    const login = widget(canvasElement, 'kb-login');
    await fill(login, '#phone', DEMO);
    await press(login, GET_CODE);
    await waitForText(login, '3339');
  },
};

/** The API asks for a captcha and the page has no `captcha` hook: explained. */
export const CaptchaUnavailable: Story = {
  parameters: { kabinet: { setup: exhaustFreeSends, captcha: false } },
  play: async ({ canvasElement }) => {
    const login = widget(canvasElement, 'kb-login');
    await fill(login, '#phone', DEMO);
    await press(login, GET_CODE);
    await waitForText(login, /не может показать|cannot show/);
  },
};

/** Signed in: the number and "Sign out". */
export const SignedIn: Story = {
  parameters: { kabinet: { setup: (world: World) => world.signIn() } },
};

/** 20 minutes without activity: the session ended and the person is told. */
export const SessionExpired: Story = {
  parameters: { kabinet: { setup: idleSessionSetup } },
  play: async ({ canvasElement, loaded }) => {
    const login = widget(canvasElement, 'kb-login');
    await waitForText(login, /Выйти|Sign out/);
    await (loaded.world as World).client.store.me().refresh().catch(() => undefined);
    await waitForText(login, /Сеанс завершён|session has ended/);
  },
};

/** English, whatever the toolbar says. */
export const English: Story = {
  globals: { locale: 'en' },
};
