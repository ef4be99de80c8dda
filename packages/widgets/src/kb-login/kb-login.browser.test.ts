import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../index.js';
import type { KbLogin } from '../index.js';
import { startHarness, DEMO, type Harness } from '../../test/sandbox.js';
import { $, blur, button, maybe, text, type, waitFor, waitForText } from '../../test/dom.js';

async function mount(harness: Harness, options: { locale?: string; captcha?: (r: { phone: string }) => Promise<string> } = {}) {
  const provider = await fixture(html`
    <kb-provider .client=${harness.client} .captcha=${options.captcha} locale=${options.locale ?? 'ru'}>
      <kb-login></kb-login>
      <kb-balance-card></kb-balance-card>
    </kb-provider>
  `);
  const login = provider.querySelector('kb-login') as KbLogin;
  await login.updateComplete;
  return { provider, login, card: provider.querySelector('kb-balance-card')! };
}

/** The visible lines that say how long to wait before asking for a code again. */
const shownWaits = (login: Element) => [...login.shadowRoot!.querySelectorAll('p')].filter((p) => /Попробуйте через/.test(p.textContent ?? ''));
/** What the status region (announced to screen readers) says. */
const status = (login: Element) => $(login, '[role="status"]').textContent ?? '';
const maybeButton = (host: Element, label: string) =>
  [...host.shadowRoot!.querySelectorAll('button')].find((b) => (b.textContent ?? '').includes(label)) ?? null;

async function requestCode(login: Element, phone = '8 (916) 123-45-67') {
  type($(login, '#phone'), phone);
  button(login, 'Получить код').click();
  return waitFor(login, '#code');
}

describe('<kb-login>', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });

  it('signs in with a number typed as 8 (916) 123-45-67 and the code from the SMS, then shows the balance', async () => {
    const { login, card } = await mount(harness);
    const phone = $(login, '#phone') as HTMLInputElement;
    expect(phone.type).to.equal('tel');
    expect(phone.getAttribute('inputmode')).to.equal('tel');
    expect(phone.getAttribute('autocomplete')).to.equal('tel');
    await expect(login).to.be.accessible();

    type(phone, '8 (916) 123-45-67');
    blur(phone);
    await login.updateComplete;
    expect(phone.value).to.equal('+7 916 123-45-67');

    button(login, 'Получить код').click();
    const code = (await waitFor(login, '#code')) as HTMLInputElement;
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(text(login)).to.include('+7 916 123-45-67').and.include('3339');
    await waitUntil(() => login.shadowRoot!.activeElement === code, 'focus moves to the code field');
    await expect(login).to.be.accessible();

    type(code, await harness.latestCode(DEMO));
    const signedIn = oneEvent(login, 'kb-login');
    button(login, 'Войти').click();
    expect((await signedIn).detail).to.deep.equal({ msisdn: DEMO });
    await waitForText(login, 'Выйти');
    expect(text(login)).to.include('+7 916 123-45-67');
    await expect(login).to.be.accessible();

    await waitForText(card, '350,00 ₽');
    expect(text(card)).to.match(/Тариф/);
    const meters = card.shadowRoot!.querySelectorAll('[role="meter"]');
    expect(meters.length).to.be.greaterThan(0);
    await expect(card).to.be.accessible();
  });

  it('keeps the typed text and explains a number that is not a Russian mobile number', async () => {
    const { login } = await mount(harness);
    const phone = $(login, '#phone') as HTMLInputElement;
    type(phone, '12345');
    blur(phone);
    await login.updateComplete;
    expect(phone.value).to.equal('12345');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    expect($(login, '#phone-error').textContent).to.include('российский мобильный номер');
    expect(phone.getAttribute('aria-describedby')).to.include('phone-error');
    button(login, 'Получить код').click();
    await login.updateComplete;
    expect(maybe(login, '#code')).to.equal(null);
    await expect(login).to.be.accessible();
  });

  it('finds the code in a pasted SMS text and signs in', async () => {
    const { login } = await mount(harness);
    const code = await requestCode(login);
    const [sms] = await harness.sms(DEMO);
    const data = new DataTransfer();
    data.setData('text/plain', sms!.text);
    const signedIn = oneEvent(login, 'kb-login');
    code.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
    await signedIn;
    await waitForText(login, 'Выйти');
  });

  it('counts the attempts left and locks sign-in after the third wrong code', async () => {
    const { login } = await mount(harness);
    const real = await (async () => {
      await requestCode(login);
      return harness.latestCode(DEMO);
    })();
    const wrong = real === '000000' ? '111111' : '000000';
    type($(login, '#code'), wrong);
    button(login, 'Войти').click();
    await waitForText(login, 'Осталось 2 попытки');
    expect($(login, '#code').getAttribute('aria-invalid')).to.equal('true');
    await expect(login).to.be.accessible();

    type($(login, '#code'), wrong);
    button(login, 'Войти').click();
    await waitForText(login, 'Осталась 1 попытка');

    type($(login, '#code'), wrong);
    button(login, 'Войти').click();
    await waitForText(login, 'заблокирован');
    const newCode = button(login, 'Получить новый код');
    await waitUntil(() => login.shadowRoot!.activeElement === newCode, 'focus moves to "Get a new code"');
    await expect(login).to.be.accessible();
  });

  it('states the resend limit with its time when a new code is asked too early', async () => {
    const { login } = await mount(harness);
    await requestCode(login);
    expect(text(login)).to.match(/Новый код можно получить через \d:\d\d/);
    button(login, 'Изменить номер').click();
    await waitFor(login, '#phone');
    await waitUntil(() => login.shadowRoot!.activeElement === $(login, '#phone'), 'focus returns to the phone field');
    button(login, 'Получить код').click();
    await waitForText(login, /Попробуйте через \d:\d\d/);
    expect(maybe(login, '#code')).to.equal(null);
    // One line says the wait, and it counts down; the status region says it once.
    const waits = shownWaits(login);
    expect(waits).to.have.length(1);
    expect(status(login)).to.match(/Слишком много запросов кода. Попробуйте через \d:\d\d/);
    expect(button(login, 'Получить код').getAttribute('aria-disabled')).to.equal('true');
    const first = waits[0]!.textContent;
    await waitUntil(() => shownWaits(login)[0]?.textContent !== first, 'the wait never counted down', { timeout: 3000 });
    expect(shownWaits(login)).to.have.length(1);
    await expect(login).to.be.accessible();
  });

  it('disables "Send the code again" with the countdown when the API refuses a resend', async () => {
    const { login } = await mount(harness);
    await requestCode(login);
    // The browser's clock runs a minute ahead of the sandbox's: the resend timer is over here, not at the API.
    const realNow = Date.now;
    Date.now = () => realNow() + 61_000;
    try {
      await waitUntil(() => maybeButton(login, 'Отправить код ещё раз'), 'the resend timer never ended', { timeout: 3000 });
      const resend = button(login, 'Отправить код ещё раз');
      resend.focus();
      resend.click();
      await waitUntil(() => shownWaits(login).length === 1, `no countdown: ${text(login)}`);
      expect(resend.getAttribute('aria-disabled')).to.equal('true');
      expect(login.shadowRoot!.activeElement).to.equal(resend);
      expect(status(login)).to.match(/Попробуйте через \d:\d\d/);
      const sent = (await harness.sms(DEMO)).length;
      resend.click();
      await login.updateComplete;
      expect((await harness.sms(DEMO)).length).to.equal(sent);
      expect(shownWaits(login)).to.have.length(1);
      await expect(login).to.be.accessible();
    } finally {
      Date.now = realNow;
    }
  });

  it('asks the provider captcha hook when the API wants a captcha, then sends the code', async () => {
    for (let i = 0; i < 3; i++) {
      await harness.client.auth.requestCode(DEMO);
      await harness.advanceClock('PT61S');
    }
    const asked: string[] = [];
    const { login } = await mount(harness, {
      captcha: async ({ phone }) => {
        asked.push(phone);
        return 'test-pass';
      },
    });
    await requestCode(login);
    expect(asked).to.deep.equal([DEMO]);
    await expect(login).to.be.accessible();
  });

  it('explains a required captcha when the page has no captcha hook', async () => {
    for (let i = 0; i < 3; i++) {
      await harness.client.auth.requestCode(DEMO);
      await harness.advanceClock('PT61S');
    }
    const { login } = await mount(harness);
    type($(login, '#phone'), DEMO);
    button(login, 'Получить код').click();
    await waitForText(login, 'проверку, которую эта страница не может показать');
    await expect(login).to.be.accessible();
  });

  it('signs out and tells the page', async () => {
    await harness.signIn();
    const { login, card } = await mount(harness);
    await waitForText(login, 'Выйти');
    const signedOut = oneEvent(login, 'kb-logout');
    button(login, 'Выйти').click();
    expect((await signedOut).detail).to.deep.equal({ msisdn: DEMO });
    await waitFor(login, '#phone');
    await waitForText(card, 'Войдите, чтобы увидеть баланс');
    await expect(card).to.be.accessible();
  });

  it('announces an ended session and moves focus from Sign out to the phone field', async () => {
    await harness.signIn();
    const { login } = await mount(harness);
    await waitForText(login, 'Выйти');
    button(login, 'Выйти').focus();
    await harness.advanceClock('PT21M');
    await harness.client.store.me().refresh().catch(() => undefined);
    const phone = await waitFor(login, '#phone');
    expect(status(login)).to.include('Сеанс завершён после 20 минут бездействия');
    await waitUntil(() => login.shadowRoot!.activeElement === phone, 'focus stayed on the removed Sign out button');
    expect((phone as HTMLInputElement).value).to.equal('+7 916 123-45-67');
    await expect(login).to.be.accessible();
  });

  it('speaks English when the provider says en', async () => {
    const { login } = await mount(harness, { locale: 'en' });
    expect(text(login)).to.include('Phone number').and.include('Get code');
    type($(login, '#phone'), '9161234567');
    button(login, 'Get code').click();
    await waitForText(login, 'We sent a code to +7 916 123-45-67 from 3339');
    await expect(login).to.be.accessible();
  });
});
