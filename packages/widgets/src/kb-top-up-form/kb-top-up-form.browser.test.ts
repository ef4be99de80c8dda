import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../index.js';
import type { KbProvider } from '../index.js';
import { createBrowserSandbox } from '@kabinet/sandbox/browser';
import { createClient, type KabinetClient } from '@kabinet/client';
import { startHarness, BASE_URL, ZERO, type Harness } from '../../test/sandbox.js';
import { $, button, maybe, text, type, waitFor, waitForText } from '../../test/dom.js';
import { PENDING_STORAGE_KEY } from './kb-top-up-form.component.js';

const YEAR = String((new Date().getUTCFullYear() + 1) % 100).padStart(2, '0');

/** A partner page without a session: the publishable key only. */
async function anonymousClient(): Promise<KabinetClient> {
  const sandbox = await createBrowserSandbox();
  return createClient({ baseUrl: BASE_URL, auth: { type: 'publishable', key: 'pk_test_demo' }, fetch: sandbox.fetch });
}

async function mount(harness: Harness | KabinetClient, locale = 'ru') {
  const client = 'client' in harness ? harness.client : harness;
  const provider = (await fixture(html`
    <kb-provider .client=${client} locale=${locale}>
      <kb-balance-card></kb-balance-card>
      <kb-top-up-form></kb-top-up-form>
    </kb-provider>
  `)) as KbProvider;
  return { form: provider.querySelector('kb-top-up-form')!, card: provider.querySelector('kb-balance-card')! };
}

/** Signed in as the primary number: the form beside a balance card that has loaded (350,00 ₽). */
async function signedInForm(harness: Harness) {
  await harness.signIn();
  const mounted = await mount(harness);
  await waitForText(mounted.card, '350,00 ₽');
  return mounted;
}

function fillCard(form: Element, number: string) {
  type($(form, '#card'), number);
  type($(form, '#expiry'), `12/${YEAR}`);
  type($(form, '#cvc'), '123');
}

const pay = (form: Element) => button(form, 'Оплатить');
const value = (form: Element, selector: string) => ($(form, selector) as HTMLInputElement).value;
/** The element that has focus inside the form. */
const focused = (form: Element) => form.shadowRoot!.activeElement;
/** The one polite live region results are announced in. */
const announced = (form: Element) => $(form, '[role="status"]').textContent;

/** An anonymous client on a sandbox whose clock runs `advance` (ISO 8601) ahead of real time. */
async function anonymousClientLater(advance: string): Promise<KabinetClient> {
  const sandbox = await createBrowserSandbox();
  const response = await sandbox.fetch(`${BASE_URL}/sandbox/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance }),
  });
  expect(response.status).to.be.below(300);
  return createClient({ baseUrl: BASE_URL, auth: { type: 'publishable', key: 'pk_test_demo' }, fetch: sandbox.fetch });
}

describe('<kb-top-up-form>', () => {
  let harness: Harness;
  beforeEach(async () => {
    sessionStorage.removeItem(PENDING_STORAGE_KEY);
    harness = await startHarness();
  });

  it('tops up 100 ₽ by 4242… and the balance card shows 450,00 ₽ without reload', async () => {
    const { form, card } = await signedInForm(harness);
    await waitUntil(() => ($(form, '#msisdn') as HTMLInputElement).value === '+7 916 123-45-67', 'prefilled with the active number');
    fillCard(form, '4242424242424242');
    await form.updateComplete;
    expect(($(form, '#card') as HTMLInputElement).value).to.equal('4242 4242 4242 4242');
    expect(text(form)).to.include('Visa').and.include('От 10 ₽ до 15 000 ₽');
    const event = oneEvent(form, 'kb-top-up');
    pay(form).click();
    expect((await event).detail.topUp.status).to.equal('succeeded');
    await waitForText(card, '450,00 ₽');
    await waitForText(form, 'Платёж прошёл');
    await waitForText(form, 'Новый баланс');
    expect(text(form)).to.match(/KB-[A-Z0-9]{8}/);
    await expect(form).to.be.accessible();
    button(form, 'Другой платёж').click();
    await waitFor(form, '#card');
    expect(($(form, '#card') as HTMLInputElement).value).to.equal('', 'card fields cleared after success');
    expect(value(form, '#cvc')).to.equal('', 'the CVC is never kept after a payment');
  });

  it('takes its title from `heading`, which also names its region, so two forms on a page read apart', async () => {
    await harness.signIn();
    const { form } = await mount(harness);
    await waitForText(form, 'Пополнить');
    form.setAttribute('heading', 'Пополнить свой номер');
    await waitForText(form, 'Пополнить свой номер');
    const region = $(form, 'section[part="base"]');
    expect(form.shadowRoot!.getElementById(region.getAttribute('aria-labelledby')!)!.textContent).to.equal('Пополнить свой номер');
    form.removeAttribute('heading');
    await waitUntil(() => $(form, '#title').textContent === 'Пополнить', 'the default title is back');
  });

  it('explains the 0002 decline, keeps the data except the CVC, and charges nothing', async () => {
    const { form, card } = await signedInForm(harness);
    fillCard(form, '4000000000000002');
    pay(form).click();
    await waitForText(form, 'Банк отклонил карту');
    expect(($(form, '#card') as HTMLInputElement).value).to.equal('4000 0000 0000 0002');
    expect(($(form, '#cvc') as HTMLInputElement).value).to.equal('');
    expect(text(card)).to.include('350,00 ₽');
    await expect(form).to.be.accessible();
  });

  it('passes 3220 through the 3-D Secure dialog, approved', async () => {
    const { form, card } = await signedInForm(harness);
    fillCard(form, '4000000000003220');
    pay(form).click();
    const dialog = (await waitFor(form, 'dialog[open]')) as HTMLDialogElement;
    expect(dialog.getAttribute('aria-labelledby')).to.equal('challenge-title');
    await expect(form).to.be.accessible();
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.match(/^top_/);
    button(form, 'Подтвердить').click();
    await waitForText(form, 'Платёж прошёл', 8000);
    await waitForText(card, '450,00 ₽');
    expect(maybe(form, 'dialog[open]')).to.equal(null);
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('passes 3220 through the 3-D Secure dialog, declined: nothing charged', async () => {
    const { form, card } = await signedInForm(harness);
    fillCard(form, '4000000000003220');
    pay(form).click();
    await waitFor(form, 'dialog[open]');
    button(form, 'Отклонить').click();
    await waitForText(form, 'Платёж не подтверждён', 8000);
    expect(text(card)).to.include('350,00 ₽');
  });

  it('charges once however often "Pay" is clicked', async () => {
    const { form, card } = await signedInForm(harness);
    fillCard(form, '4242424242424242');
    pay(form).click();
    pay(form).click();
    $(form, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
    await waitForText(card, '450,00 ₽');
    expect(harness.count(/POST \/v1\/top-ups/)).to.equal(1);
  });

  it('pays again with the same key after an answer that says nothing of the payment (a gateway 502)', async () => {
    // The operator carries the payment out; the gateway in front of it answers 502 to it and the client's two retries.
    const sandbox = await createBrowserSandbox();
    const keys: string[] = [];
    let gatewayFails = 3;
    const client = createClient({
      baseUrl: BASE_URL,
      auth: { type: 'publishable', key: 'pk_test_demo' },
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const response = await sandbox.fetch(request);
        if (request.method === 'POST' && new URL(request.url).pathname === '/v1/top-ups') {
          keys.push(request.headers.get('idempotency-key') ?? '');
          if (gatewayFails-- > 0) return new Response(null, { status: 502 });
        }
        return response;
      },
    });
    const { form } = await mount(client, 'en');
    type($(form, '#msisdn'), '8 926 000 11 22');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitUntil(() => keys.length === 3 && !(form as unknown as { busy: boolean }).busy, 'the first attempt failed', { timeout: 5000 });
    // The failure was not the card's: the CVC stays, and the intent (its key and card token) with it.
    expect(value(form, '#cvc')).to.equal('123');
    button(form, 'Pay').click();
    await waitUntil(() => keys.length === 4, `paid again: ${keys.length} requests`, { timeout: 5000 });
    await waitForText(form, 'Payment successful');
    expect(keys).to.have.length(4);
    expect(new Set(keys).size).to.equal(1, 'one key for the one payment: the operator charges once');
  });

  it('tops up any number anonymously, without showing its balance', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    expect(maybe(form, 'input[name="source"]')).to.equal(null, 'no source choice when signed out');
    type($(form, '#msisdn'), '8 926 000 11 22');
    fillCard(form, '2200000000000004');
    await form.updateComplete;
    expect($(form, '#card-brand').textContent).to.equal('Mir');
    button(form, 'Pay').click();
    await waitForText(form, 'Payment successful');
    expect(text(form)).not.to.include('New balance');
    await expect(form).to.be.accessible();
  });

  it('asks a signed-out person to sign in when no publishable key is set, sends nothing and keeps what they typed', async () => {
    const { form } = await mount(harness, 'en');
    await waitForText(form, 'Sign in to pay');
    type($(form, '#msisdn'), '8 926 000 11 22');
    type($(form, '#amount'), '250');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitUntil(() => $(form, '[role="alert"]').textContent?.includes('Sign in to pay'), 'the sign-in explanation is announced');
    expect(harness.count(/POST \/v1\//)).to.equal(0, 'nothing sent');
    expect(($(form, '#msisdn') as HTMLInputElement).value).to.equal('8 926 000 11 22');
    expect(($(form, '#amount') as HTMLInputElement).value).to.equal('250');
    expect(($(form, '#card') as HTMLInputElement).value).to.equal('4242 4242 4242 4242');
    expect(($(form, '#cvc') as HTMLInputElement).value).to.equal('123');
    await aTimeout(200); // the 100 ₽ chip's colour transition ends
    await expect(form).to.be.accessible();
    // Signing in (say with <kb-login> beside it) lets the same entry go through.
    await harness.signIn();
    await form.updateComplete;
    expect(maybe(form, '#sign-in-notice')).to.equal(null);
    type($(form, '#msisdn'), '8 926 000 11 22');
    button(form, 'Pay').click();
    await waitForText(form, 'Payment successful');
  });

  it('shows a slow (…105) payment as pending, never failed, until it succeeds', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    type($(form, '#msisdn'), '+7 926 000-11-05');
    fillCard(form, '4242424242424242');
    const pending = oneEvent(form, 'kb-top-up');
    button(form, 'Pay').click();
    expect((await pending).detail.topUp.status).to.equal('processing');
    await waitForText(form, 'Payment is being processed');
    expect(text(form)).to.match(/KB-[A-Z0-9]{8}/, 'the reference to quote');
    expect(text(form)).not.to.match(/declined|not confirmed|went wrong/i);
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.match(/^top_/);
    await expect(form).to.be.accessible();
    await waitForText(form, 'Payment successful', 8000);
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('finds a pending payment again after a reload and shows how it ended', async () => {
    const client = await anonymousClient();
    const first = await mount(client, 'en');
    type($(first.form, '#msisdn'), '+7 926 000-11-05');
    fillCard(first.form, '4242424242424242');
    button(first.form, 'Pay').click();
    await waitForText(first.form, 'Payment is being processed');
    const id = sessionStorage.getItem(PENDING_STORAGE_KEY);
    expect(id).to.match(/^top_/);
    // The page goes away (a reload); only the id in sessionStorage survives.
    first.form.closest('kb-provider')!.remove();
    const { form } = await mount(client, 'en');
    await waitForText(form, 'Payment is being processed');
    expect(text(form)).not.to.include('Card number');
    expect(focused(form)).to.equal(null, 'a page that only found the payment again keeps its focus');
    await waitForText(form, 'Payment successful', 8000);
    expect(text(form)).to.include('+7 926 000-11-05');
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('keeps a pending payment found after a reload that signed the person out, and shows it once they sign in again', async () => {
    await harness.signIn();
    const started = await harness.client.topUps.intent().submit({
      msisdn: '+79260001105',
      amount: { amount: 10000, currency: 'RUB' },
      source: { type: 'card', card: { number: '4242424242424242', expMonth: 12, expYear: 2000 + Number(YEAR), cvc: '123' } },
    });
    expect(started.status).to.equal('processing');
    sessionStorage.setItem(PENDING_STORAGE_KEY, started.id);
    await harness.client.auth.signOut();
    const { form } = await mount(harness, 'en');
    await waitForText(form, 'Sign in to pay');
    expect(harness.count(/GET \/v1\/top-ups/)).to.equal(0, 'not looked up without a session');
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.equal(started.id);
    await harness.advanceClock('PT61S'); // past the resend wait for a new code
    await harness.signIn();
    await waitForText(form, 'Payment successful', 8000);
    expect(text(form)).to.include(started.reference);
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.equal(null);
  });

  it('offers recent numbers and repeats the last top-up in one step', async () => {
    const { form, card } = await signedInForm(harness);
    // Two earlier payments: 500 ₽ to a friend's number by card, then 300 ₽ of bonus points to the primary one.
    await harness.client.topUps.intent().submit({
      msisdn: '+79260001122',
      amount: { amount: 50000, currency: 'RUB' },
      source: { type: 'card', card: { number: '4242424242424242', expMonth: 12, expYear: 2000 + Number(YEAR), cvc: '123' } },
    });
    await harness.client.topUps.intent().submit({
      msisdn: '+79161234567',
      amount: { amount: 30000, currency: 'RUB' },
      source: { type: 'bonus' },
    });
    await waitForText(card, '650,00 ₽');
    await waitForText(form, 'Повторить: 300 ₽ на +7 916 123-45-67');
    expect(text(form)).to.include('Недавние номера').and.include('+7 926 000-11-22');
    button(form, '+7 926 000-11-22').click();
    await form.updateComplete;
    expect(($(form, '#msisdn') as HTMLInputElement).value).to.equal('+7 926 000-11-22');
    await aTimeout(200); // the chosen chip's colour transition ends
    await expect(form).to.be.accessible();
    const before = harness.count(/POST \/v1\/top-ups/);
    button(form, 'Повторить').click();
    await waitForText(form, 'Платёж прошёл');
    expect(harness.count(/POST \/v1\/top-ups/)).to.equal(before + 1);
    await waitForText(card, '950,00 ₽');
    expect(text(form)).to.include('300,00 ₽');
  });

  it('explains a limit refusal and a number of another operator at its field', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    type($(form, '#msisdn'), '+79161111102');
    type($(form, '#amount'), '5');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitForText(form, 'Enter an amount from RUB 10 to RUB 15,000');
    type($(form, '#amount'), '100');
    button(form, 'Pay').click();
    await waitForText(form, 'not served by this operator');
    expect($(form, '#msisdn').getAttribute('aria-invalid')).to.equal('true');
  });

  it('lets the person close the 3-D Secure dialog without abandoning the payment, and open it again', async () => {
    const { form, card } = await signedInForm(harness);
    fillCard(form, '4000000000003220');
    pay(form).click();
    const dialog = (await waitFor(form, 'dialog[open]')) as HTMLDialogElement & { requestClose(): void };
    button(form, 'Закрыть').click();
    await waitForText(form, 'Платёж обрабатывается');
    expect(dialog.open).to.equal(false);
    expect(focused(form)?.id).to.equal('pending', 'focus on the pending notice, not on a Pay button that is gone');
    expect(announced(form)).to.equal('Платёж обрабатывается');
    expect(sessionStorage.getItem(PENDING_STORAGE_KEY)).to.match(/^top_/, 'still pending, still findable');
    await expect(form).to.be.accessible();
    // Back to the bank's page; Escape closes it the same way.
    button(form, 'Подтвердите платёж').click();
    await waitFor(form, 'dialog[open]');
    dialog.requestClose();
    await waitUntil(() => !dialog.open && maybe(form, '#pending'), 'Escape leaves the payment pending');
    // The bank confirms elsewhere (another tab): the checks never stopped, the receipt comes by itself.
    const id = sessionStorage.getItem(PENDING_STORAGE_KEY)!;
    await harness.client.topUps.answerTestChallenge(id, 'approve');
    await waitForText(form, 'Платёж прошёл', 8000);
    await waitForText(card, '450,00 ₽');
    expect(focused(form)?.id).to.equal('title', 'focus on the receipt heading');
    expect(announced(form)).to.equal('Платёж прошёл');
  });

  it('shows a failed status check in the dialog and the pending view, and checks again on "Refresh"', async () => {
    const { form } = await signedInForm(harness);
    fillCard(form, '4000000000003220');
    pay(form).click();
    const dialog = await waitFor(form, 'dialog[open]');
    harness.fail = (request) => request.method === 'GET' && new URL(request.url).pathname.startsWith('/v1/top-ups/');
    await waitUntil(() => dialog.textContent?.includes('Нет связи с сервисом'), 'the failed check is shown in the dialog', { timeout: 8000 });
    expect(dialog.textContent).to.include('Обновить');
    button(form, 'Закрыть').click();
    await waitFor(form, '#pending');
    expect(text(form)).to.include('Нет связи с сервисом');
    harness.fail = null;
    await harness.client.topUps.answerTestChallenge(sessionStorage.getItem(PENDING_STORAGE_KEY)!, 'approve');
    button(form, 'Обновить').click();
    await waitForText(form, 'Платёж прошёл', 8000);
    expect(text(form)).not.to.include('Нет связи с сервисом');
  });

  it('announces a slow payment and then its receipt in one live region, moving focus to each', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    const region = $(form, '[role="status"]');
    type($(form, '#msisdn'), '+7 926 000-11-05');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitForText(form, 'Payment is being processed');
    expect($(form, '[role="status"]')).to.equal(region, 'the region was there before the result');
    expect(region.textContent).to.equal('Payment is being processed');
    expect(focused(form)?.id).to.equal('pending');
    await waitForText(form, 'Payment successful', 8000);
    expect(form.shadowRoot!.querySelectorAll('[role="status"]')).to.have.length(1);
    expect(region.isConnected && region.textContent).to.equal('Payment successful');
    expect(focused(form)?.id).to.equal('title');
  });

  it('explains payments barred (…103) at the phone field and keeps the CVC', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    type($(form, '#msisdn'), '+79161111103');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitUntil(() => $(form, '#msisdn-error').textContent?.includes('Payments to this number are barred'), 'the reason at the field');
    expect($(form, '#msisdn').getAttribute('aria-invalid')).to.equal('true');
    expect(focused(form)?.id).to.equal('msisdn');
    expect(value(form, '#cvc')).to.equal('123', 'nothing was wrong with the card');
  });

  it('explains an expired card (the card-token answer) at the expiry field and asks for the CVC again', async () => {
    // The sandbox is two years ahead: the card the form finds valid is expired for the bank.
    const { form } = await mount(await anonymousClientLater('P800D'), 'en');
    type($(form, '#msisdn'), '8 926 000 11 22');
    fillCard(form, '4242424242424242');
    button(form, 'Pay').click();
    await waitUntil(() => $(form, '#expiry-error').textContent?.includes('must not be expired'), 'the reason at the field');
    expect($(form, '#expiry').getAttribute('aria-invalid')).to.equal('true');
    expect(focused(form)?.id).to.equal('expiry');
    expect(value(form, '#cvc')).to.equal('');
  });

  it('keeps the CVC after a dropped connection, and asks for it again when the card token has expired', async () => {
    const { form } = await signedInForm(harness);
    fillCard(form, '4242424242424242');
    harness.fail = (request) => request.method === 'POST' && new URL(request.url).pathname === '/v1/top-ups';
    pay(form).click();
    await waitForText(form, 'Нет связи с сервисом');
    expect(value(form, '#cvc')).to.equal('123');
    harness.fail = null;
    await harness.advanceClock('PT16M'); // past the card token's 15 minutes
    pay(form).click();
    await waitUntil(() => $(form, '#card-error').textContent?.includes('Введите CVC ещё раз'), 'the token refusal at the card field');
    expect(focused(form)?.id).to.equal('card');
    expect(value(form, '#cvc')).to.equal('');
    type($(form, '#cvc'), '123');
    pay(form).click();
    await waitForText(form, 'Платёж прошёл');
    expect(harness.count(/POST \/v1\/card-tokens/)).to.equal(2, 'a new token for the new try');
  });

  it('checks the number to take the money from before sending: none active is explained at the field', async () => {
    await harness.signIn(ZERO);
    const { form } = await mount(harness);
    await waitForText(form, 'С другого моего номера');
    ($(form, 'input[value="number"]') as HTMLInputElement).click();
    const select = await waitFor(form, '#from');
    expect(select.getBoundingClientRect().height).to.be.at.least(44, 'a 44px touch target');
    pay(form).click();
    await waitUntil(() => $(form, '#from-error').textContent?.includes('Нет другого активного номера'), 'the reason at the field');
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(form)).to.equal(select);
    expect(harness.count(/POST \/v1\/top-ups/)).to.equal(0, 'nothing sent');
    await aTimeout(200); // the chosen chip's colour transition ends
    await expect(form).to.be.accessible();
  });

  it('reads plain "Pay" while the amount is not valid, and the total once it is', async () => {
    const { form } = await mount(await anonymousClient(), 'en');
    const label = () => [...button(form, 'Pay').childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.includes('Pay'))?.textContent;
    type($(form, '#amount'), '');
    await form.updateComplete;
    expect(label()).to.equal('Pay');
    type($(form, '#amount'), '250');
    await form.updateComplete;
    expect(label()).to.match(/^Pay RUB\s250$/);
  });
});
