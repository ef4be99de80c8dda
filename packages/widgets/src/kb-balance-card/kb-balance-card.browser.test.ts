import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../index.js';
import type { KbProvider } from '../index.js';
import { startHarness, BLOCKED, DEMO, ZERO, type Harness } from '../../test/sandbox.js';
import { $, button, maybe, text, waitFor, waitForText } from '../../test/dom.js';

const BALANCE = /GET \/v1\/numbers\/\d+\/balance/;

async function mount(harness: Harness, options: { locale?: string; msisdn?: string; cards?: number } = {}) {
  const count = options.cards ?? 1;
  const provider = (await fixture(html`
    <kb-provider .client=${harness.client} locale=${options.locale ?? 'ru'}>
      ${Array.from({ length: count }, () => html`<kb-balance-card msisdn=${options.msisdn ?? ''}></kb-balance-card>`)}
    </kb-provider>
  `)) as KbProvider;
  const cards = [...provider.querySelectorAll('kb-balance-card')];
  return { provider, card: cards[0]!, cards };
}

describe('<kb-balance-card>', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });

  it('shows the balance, tariff and package meters of the signed-in number', async () => {
    await harness.signIn();
    const { card } = await mount(harness);
    await waitForText(card, '350,00 ₽');
    expect($(card, '[part~="title"]').textContent).to.include('+7 916 123-45-67');
    expect($(card, '[part~="amount"]').textContent!.replace(/\s/g, ' ')).to.equal('350,00 ₽');
    expect(text(card)).to.match(/Тариф: \S+/).and.match(/на \d\d:\d\d/).and.match(/обновится \d+ \S+/);
    const meters = [...card.shadowRoot!.querySelectorAll('[role="meter"]')];
    expect(meters.length).to.be.greaterThan(0);
    for (const meter of meters) {
      const now = Number(meter.getAttribute('aria-valuenow'));
      expect(meter.getAttribute('aria-valuemin')).to.equal('0');
      expect(now).to.be.at.most(Number(meter.getAttribute('aria-valuemax')));
      expect(meter.getAttribute('aria-valuetext')).to.match(/^Осталось [\d,\s]+ из [\d,\s]+ (мин|SMS|ГБ|МБ)$/);
    }
    expect(maybe(card, '.badge')).to.equal(null);
    await expect(card).to.be.accessible();
  });

  it('sends exactly one balance request for three cards in one provider', async () => {
    await harness.signIn();
    const { cards } = await mount(harness, { cards: 3 });
    for (const card of cards) await waitForText(card, '350,00 ₽');
    expect(harness.count(BALANCE)).to.equal(1);
  });

  it('formats money, numbers and dates for en', async () => {
    await harness.signIn();
    const { card } = await mount(harness, { locale: 'en' });
    await waitForText(card, 'RUB 350.00');
    expect(text(card)).to.include('Tariff').and.match(/as of \d\d:\d\d/).and.match(/renews [A-Z][a-z]+ \d+/);
    await expect(card).to.be.accessible();
  });

  it('warns about a zero balance with a short note', async () => {
    await harness.signIn(ZERO);
    const { card } = await mount(harness);
    await waitForText(card, '0,00 ₽');
    expect($(card, '[part~="amount"]').classList.contains('low')).to.equal(true);
    expect(text(card)).to.include('Пополните счёт, чтобы пользоваться платными услугами');
    await expect(card).to.be.accessible();
  });

  it('shows a blocked number with its badge and until date', async () => {
    await harness.signIn(BLOCKED);
    const { card } = await mount(harness);
    await waitFor(card, '.badge');
    expect($(card, '.badge').textContent).to.include('Заблокирован');
    expect(text(card)).to.match(/Заблокирован (до \d+ \S+|без даты окончания)/);
    await expect(card).to.be.accessible();
  });

  it('reserves the ready size while loading: no layout shift', async () => {
    await harness.signIn();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    harness.hold = (request) => (BALANCE.test(`${request.method} ${new URL(request.url).pathname}`) ? held : undefined);
    const wrapper = await fixture(html`
      <div style="width: 480px">
        <kb-provider .client=${harness.client} locale="ru"><kb-balance-card></kb-balance-card></kb-provider>
      </div>
    `);
    const card = wrapper.querySelector('kb-balance-card')!;
    await waitFor(card, '.skeleton');
    await expect(card).to.be.accessible();
    const loadingHeight = card.getBoundingClientRect().height;
    release();
    await waitForText(card, '350,00 ₽');
    expect(card.getBoundingClientRect().height).to.be.closeTo(loadingHeight, 1);
  });

  it('explains a failed load and loads again on "Try again"', async () => {
    await harness.signIn();
    harness.fail = (request) => BALANCE.test(`${request.method} ${new URL(request.url).pathname}`);
    const { card } = await mount(harness);
    const failed = oneEvent(card, 'kb-error');
    await waitForText(card, 'Не удалось загрузить баланс');
    expect((await failed).detail.code).to.equal('network_error');
    await expect(card).to.be.accessible();
    harness.fail = null;
    button(card, 'Попробовать снова').click();
    await waitForText(card, '350,00 ₽');
  });

  it('keeps the last data with its time when a refresh fails (stale)', async () => {
    await harness.signIn();
    const { card } = await mount(harness);
    await waitForText(card, '350,00 ₽');
    harness.fail = (request) => BALANCE.test(`${request.method} ${new URL(request.url).pathname}`);
    button(card, 'Обновить').click();
    await waitForText(card, 'Не удалось обновить');
    expect(text(card)).to.include('350,00 ₽').and.match(/на \d\d:\d\d/);
    await expect(card).to.be.accessible();
    // The refresh button now says "Try again", and its accessible name contains what it says (WCAG 2.5.3).
    const retry = button(card, 'Попробовать снова');
    expect(retry.getAttribute('aria-label') ?? retry.textContent).to.include('Попробовать снова');
    harness.fail = null;
    retry.click();
    await waitUntil(() => !text(card).includes('Не удалось обновить'), 'the card stayed stale');
  });

  it('shows the session-expired state after 21 idle minutes and a refresh, and the provider tells the page', async () => {
    await harness.signIn();
    const { provider, card } = await mount(harness);
    await waitForText(card, '350,00 ₽');
    await harness.advanceClock('PT21M');
    const expired = oneEvent(provider, 'kb-session-expired');
    button(card, 'Обновить').click();
    expect((await expired).detail.msisdn).to.equal(DEMO);
    await waitForText(card, 'Сеанс завершён');
    await expect(card).to.be.accessible();
  });

  it('asks to sign in when signed out', async () => {
    const { card } = await mount(harness);
    await waitForText(card, 'Войдите, чтобы увидеть баланс');
    expect(harness.count(BALANCE)).to.equal(0);
    await expect(card).to.be.accessible();
  });

  it('explains a number that is not on the account', async () => {
    await harness.signIn();
    const { card } = await mount(harness, { msisdn: ZERO });
    await waitUntil(() => maybe(card, '[part~="error"]'), 'a refusal is shown', { timeout: 5000 });
    expect(text(card)).to.match(/Этого номера нет в вашем кабинете|нет доступа к этому номеру/);
    expect(text(card)).not.to.include('Попробовать снова');
    await expect(card).to.be.accessible();
  });
});
