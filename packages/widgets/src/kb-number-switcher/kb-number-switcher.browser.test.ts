import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../index.js';
import type { KbNumberSwitcher, KbProvider } from '../index.js';
import type { Msisdn } from '@kabinet/client';
import { startHarness, DEMO, type Harness } from '../../test/sandbox.js';
import { $, button, maybe, text, type, waitFor, waitForText } from '../../test/dom.js';

const LINKED = '+79167654321';
const PENDING = '+79031112233';
const LINKABLE = '+79161110001';
const LINKED_BALANCE = /GET \/v1\/numbers\/79167654321\/balance/;
const BALANCE = /GET \/v1\/numbers\/\d+\/balance/;

async function mount(harness: Harness, options: { locale?: string; card?: boolean; captcha?: (request: { phone: string }) => Promise<string> } = {}) {
  const provider = (await fixture(html`
    <kb-provider .client=${harness.client} .captcha=${options.captcha} locale=${options.locale ?? 'ru'}>
      <kb-number-switcher></kb-number-switcher>
      ${options.card ? html`<kb-balance-card></kb-balance-card>` : ''}
    </kb-provider>
  `)) as KbProvider;
  const switcher = provider.querySelector('kb-number-switcher') as KbNumberSwitcher;
  await waitFor(switcher, '#trigger');
  return { provider, switcher, card: provider.querySelector('kb-balance-card') };
}

const ME = /GET \/v1\/me$/;

/** Opens "Add a number" for the linkable number, to be confirmed with a code by SMS. */
async function startCodeProof(switcher: Element): Promise<void> {
  button(switcher, 'Добавить номер').click();
  await waitFor(switcher, 'form');
  type($(switcher, '#phone'), LINKABLE);
  ($(switcher, 'input[value="code"]') as HTMLInputElement).click();
  await waitFor(switcher, '#get-code');
}

const trigger = (switcher: Element) => $(switcher, '#trigger') as HTMLButtonElement;
const option = (switcher: Element, msisdn: string) => $(switcher, `#option-${msisdn.slice(1)}`);
const options = (switcher: Element) => [...switcher.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];

function key(target: Element, name: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
}

async function open(switcher: KbNumberSwitcher): Promise<HTMLElement> {
  trigger(switcher).click();
  return waitFor(switcher, '[role="listbox"]');
}

describe('<kb-number-switcher>', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });

  it('shows the active number with its label, and opens a list of every number with its state', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    await waitForText(switcher, '+7 916 123-45-67');
    expect(text(switcher)).to.include('Основной номер');
    expect(trigger(switcher).getAttribute('aria-expanded')).to.equal('false');
    expect(trigger(switcher).getAttribute('aria-haspopup')).to.equal('listbox');
    await expect(switcher).to.be.accessible();

    const list = await open(switcher);
    expect(trigger(switcher).getAttribute('aria-expanded')).to.equal('true');
    expect(switcher.shadowRoot!.activeElement).to.equal(list);
    expect(options(switcher).map((o) => o.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '+7 916 123-45-67 Основной номер Активен',
      '+7 916 765-43-21 Дочь Активен',
      `+7 903 111-22-33 Дача ${option(switcher, PENDING).querySelector('.badge')!.textContent!.trim()}`,
    ]);
    expect(option(switcher, DEMO).getAttribute('aria-selected')).to.equal('true');
    expect(list.getAttribute('aria-activedescendant')).to.equal(`option-${DEMO.slice(1)}`);
    expect(option(switcher, PENDING).getAttribute('aria-disabled')).to.equal('true');
    expect(option(switcher, PENDING).textContent).to.match(/Подключается до \d+ \S+/);
    await expect(switcher).to.be.accessible();
  });

  it('switches every widget in the provider to the chosen number with one balance request', async () => {
    await harness.signIn();
    const { provider, switcher, card } = await mount(harness, { card: true });
    await waitForText(card!, '350,00 ₽');
    const before = harness.count(BALANCE);
    await open(switcher);
    const changed = oneEvent(provider, 'kb-number-change');
    option(switcher, LINKED).click();
    expect((await changed).detail.msisdn).to.equal(LINKED);
    await waitForText(card!, '120,50 ₽');
    expect(harness.client.store.activeMsisdn).to.equal(LINKED);
    expect(text(card!)).to.include('+7 916 765-43-21').and.include('Дочь');
    expect(harness.count(LINKED_BALANCE)).to.equal(1);
    expect(harness.count(BALANCE)).to.equal(before + 1);
    expect(text(switcher)).to.include('+7 916 765-43-21');
    expect(switcher.shadowRoot!.activeElement).to.equal(trigger(switcher));
    // And back: the primary's balance is still fresh, so back costs at most one more request.
    await open(switcher);
    option(switcher, DEMO).click();
    await waitForText(card!, '350,00 ₽');
    expect(harness.count(BALANCE)).to.be.at.most(before + 2);
  });

  it('cancels the balance request still running for the old number', async () => {
    await harness.signIn();
    const { switcher, card } = await mount(harness, { card: true });
    await waitForText(card!, '350,00 ₽');
    await open(switcher);
    // The linked number's balance hangs: switch to it, then straight back.
    let aborted = false;
    harness.hold = (request) =>
      request.url.includes('79167654321/balance')
        ? new Promise<void>((resolve) => request.signal.addEventListener('abort', () => ((aborted = true), resolve())))
        : undefined;
    option(switcher, LINKED).click();
    await waitUntil(() => harness.count(LINKED_BALANCE) === 1);
    await open(switcher);
    option(switcher, DEMO).click();
    await waitUntil(() => aborted, 'the old request was not aborted');
    await waitForText(card!, '350,00 ₽');
  });

  it('reserves the ready size while loading, "Add a number" included: no layout shift', async () => {
    await harness.signIn();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    harness.hold = (request) => (ME.test(`${request.method} ${new URL(request.url).pathname}`) ? held : undefined);
    const wrapper = await fixture(html`
      <div style="width: 480px">
        <kb-provider .client=${harness.client} locale="ru"><kb-number-switcher></kb-number-switcher></kb-provider>
      </div>
    `);
    const switcher = wrapper.querySelector('kb-number-switcher')!;
    await waitFor(switcher, '.skeleton');
    expect(button(switcher, 'Добавить номер').getAttribute('aria-disabled')).to.equal('true');
    await expect(switcher).to.be.accessible();
    const loadingHeight = switcher.getBoundingClientRect().height;
    release();
    await waitFor(switcher, '#trigger');
    expect(switcher.getBoundingClientRect().height).to.be.closeTo(loadingHeight, 1);
    expect(button(switcher, 'Добавить номер').getAttribute('aria-disabled')).to.equal('false');
  });

  it('keeps the numbers with a note when a refresh fails (stale), and says so', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    await waitForText(switcher, '+7 916 123-45-67');
    harness.fail = (request) => ME.test(`${request.method} ${new URL(request.url).pathname}`);
    await harness.client.store.me().refresh().catch(() => undefined);
    await waitForText(switcher, 'Не удалось обновить. Показаны последние известные номера.');
    expect($(switcher, '.note.warning').textContent).to.include('Не удалось обновить');
    expect($(switcher, '[role="status"]').textContent).to.include('Не удалось обновить');
    expect(trigger(switcher).textContent).to.include('+7 916 123-45-67');
    await expect(switcher).to.be.accessible();
  });

  it('wraps a state badge below the number in a narrow column instead of over it', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    await open(switcher);
    const pending = option(switcher, PENDING);
    // The text's own box: a squeezed element box would hide text that overflows it.
    const digits = document.createRange();
    digits.selectNodeContents(pending.querySelector('.number')!);
    for (let width = 220; width <= 480; width += 20) {
      switcher.style.width = `${width}px`;
      const number = digits.getBoundingClientRect();
      const badge = pending.querySelector('.badge')!.getBoundingClientRect();
      const overlap = number.left < badge.right && badge.left < number.right && number.top < badge.bottom && badge.top < number.bottom;
      expect(overlap, `at ${width}px the badge covers the number`).to.equal(false);
    }
  });

  it('cannot switch to a pending number, which shows its date, until 2 business days have passed', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    await open(switcher);
    option(switcher, PENDING).click();
    await waitForText(switcher, /Номер станет доступен \d+ \S+/);
    expect(harness.client.store.activeMsisdn).to.equal(DEMO);
    // Four calendar days hold at least two business days whatever today is; the session has idled out meanwhile.
    await harness.advanceClock('P4D');
    await harness.signIn();
    await waitFor(switcher, '#trigger');
    if (!maybe(switcher, '[role="listbox"]')) await open(switcher);
    await waitUntil(() => maybe(switcher, `#option-${PENDING.slice(1)}`)?.getAttribute('aria-disabled') === 'false', 'the link never became active', { timeout: 5000 });
    expect(option(switcher, PENDING).querySelector('.badge')!.textContent).to.equal('Активен');
    option(switcher, PENDING).click();
    await waitUntil(() => harness.client.store.activeMsisdn === PENDING);
  });

  it('is usable by keyboard: arrows open and move, Enter chooses, Escape closes and returns focus', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    trigger(switcher).focus();
    key(trigger(switcher), 'ArrowDown');
    const list = await waitFor(switcher, '[role="listbox"]');
    await waitUntil(() => switcher.shadowRoot!.activeElement === list);
    key(list, 'ArrowDown');
    await switcher.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal(`option-${LINKED.slice(1)}`);
    key(list, 'End');
    await switcher.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal(`option-${PENDING.slice(1)}`);
    key(list, 'Escape');
    await switcher.updateComplete;
    expect(maybe(switcher, '[role="listbox"]')).to.equal(null);
    expect(switcher.shadowRoot!.activeElement).to.equal(trigger(switcher));
    key(trigger(switcher), 'ArrowDown');
    const again = await waitFor(switcher, '[role="listbox"]');
    key(again, 'ArrowDown');
    await switcher.updateComplete;
    key(again, 'Enter');
    await waitUntil(() => harness.client.store.activeMsisdn === LINKED);
    expect(switcher.shadowRoot!.activeElement).to.equal(trigger(switcher));
  });

  it('adds a number with its password and shows the pending state with its date', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    button(switcher, 'Добавить номер').click();
    await waitFor(switcher, 'form');
    await waitUntil(() => switcher.shadowRoot!.activeElement === $(switcher, '#phone'));
    type($(switcher, '#phone'), '8 916 111-00-01');
    type($(switcher, '#secret'), 'demo-password');
    type($(switcher, '#label'), 'Работа');
    await expect(switcher).to.be.accessible();
    button(switcher, 'Привязать номер').click();
    await waitForText(switcher, 'Номер привязывается');
    expect(text(switcher)).to.match(/\+7 916 111-00-01 появится в кабинете \d+ \S+/);
    button(switcher, 'Готово').click();
    await open(switcher);
    await waitUntil(() => maybe(switcher, `#option-${LINKABLE.slice(1)}`));
    expect(option(switcher, LINKABLE).getAttribute('aria-disabled')).to.equal('true');
    expect(option(switcher, LINKABLE).textContent).to.include('Работа').and.match(/Подключается до/);
  });

  it('adds a number with a code sent to it by SMS', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    button(switcher, 'Добавить номер').click();
    await waitFor(switcher, 'form');
    type($(switcher, '#phone'), LINKABLE);
    ($(switcher, 'input[value="code"]') as HTMLInputElement).click();
    await waitFor(switcher, '#get-code');
    button(switcher, 'Отправить код').click();
    await waitForText(switcher, 'Код отправлен на +7 916 111-00-01');
    type($(switcher, '#secret'), await harness.latestCode(LINKABLE));
    button(switcher, 'Привязать номер').click();
    await waitForText(switcher, 'Номер привязывается');
  });

  it('asks the provider captcha hook when the API wants one for the code, then sends it', async () => {
    await harness.signIn();
    for (let i = 0; i < 3; i++) {
      await harness.client.links.requestCode(LINKABLE);
      await harness.advanceClock('PT61S');
    }
    const asked: string[] = [];
    const { switcher } = await mount(harness, {
      captcha: async ({ phone }) => {
        asked.push(phone);
        return 'test-pass';
      },
    });
    await startCodeProof(switcher);
    button(switcher, 'Отправить код').click();
    await waitForText(switcher, 'Код отправлен на +7 916 111-00-01');
    expect(asked).to.deep.equal([LINKABLE]);
    await expect(switcher).to.be.accessible();
  });

  it('says how long to wait when a code is asked again too soon', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    await startCodeProof(switcher);
    button(switcher, 'Отправить код').click();
    await waitForText(switcher, 'Код отправлен на +7 916 111-00-01');
    button(switcher, 'Отправить код').click();
    await waitUntil(() => /Попробуйте через/.test($(switcher, '#proof-error').textContent ?? ''), `no wait at the field: ${text(switcher)}`);
    expect($(switcher, '#proof-error').textContent).to.equal('Слишком много попыток. Попробуйте через 1 минуту.');
    await expect(switcher).to.be.accessible();
  });

  const refusals: [string, string, RegExp][] = [
    ['another owner', '+79161110002', /другого человека/],
    ['another region', '+79631110003', /другом регионе/],
    ['an excluded tariff', '+79161110005', /на этом тарифе нельзя/],
    ['a blocked number', '+79161110006', /заблокирован/],
    ['a number already in the account', LINKED, /уже есть в вашем кабинете/],
    ['a number without number management, naming it', '+79161110004', /Управление номерами» на номере \+7 916 111-00-04/],
  ];
  for (const [what, phone, message] of refusals) {
    it(`explains ${what} next to the number field`, async () => {
      await harness.signIn();
      const { switcher } = await mount(harness);
      button(switcher, 'Добавить номер').click();
      await waitFor(switcher, 'form');
      type($(switcher, '#phone'), phone);
      type($(switcher, '#secret'), 'demo-password');
      button(switcher, 'Привязать номер').click();
      await waitUntil(() => message.test($(switcher, '#phone-error').textContent ?? ''), `no ${message} at the field: ${text(switcher)}`);
      expect($(switcher, '#phone').getAttribute('aria-invalid')).to.equal('true');
      await expect(switcher).to.be.accessible();
    });
  }

  it('explains a wrong password next to the password field', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    button(switcher, 'Добавить номер').click();
    await waitFor(switcher, 'form');
    type($(switcher, '#phone'), LINKABLE);
    type($(switcher, '#secret'), 'wrong');
    button(switcher, 'Привязать номер').click();
    await waitUntil(() => ($(switcher, '#proof-error').textContent ?? '').includes('Неверный пароль'));
    expect($(switcher, '#secret').getAttribute('aria-invalid')).to.equal('true');
    expect(harness.client.session.status).to.equal('signed-in');
  });

  it('removes a linked number after confirmation, and keeps it on cancel', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    const list = await open(switcher);
    key(list, 'ArrowDown');
    await switcher.updateComplete;
    button(switcher, 'Удалить +7 916 765-43-21').click();
    await waitForText(switcher, 'Удалить +7 916 765-43-21 из кабинета?');
    await waitUntil(() => switcher.shadowRoot!.activeElement === $(switcher, '#remove-cancel'));
    await expect(switcher).to.be.accessible();
    button(switcher, 'Отмена').click();
    await waitUntil(() => switcher.shadowRoot!.activeElement === trigger(switcher));
    await open(switcher);
    option(switcher, LINKED).dispatchEvent(new PointerEvent('pointermove'));
    await switcher.updateComplete;
    button(switcher, 'Удалить +7 916 765-43-21').click();
    await waitFor(switcher, '.confirm');
    button(switcher, 'Удалить').click();
    await waitForText(switcher, 'Номер +7 916 765-43-21 удалён из кабинета.');
    await open(switcher);
    await waitUntil(() => options(switcher).length === 2);
    expect(harness.count(/DELETE \/v1\/links\/79167654321/)).to.equal(1);
  });

  it('renames a linked number by keyboard, and the button and the list show the new label', async () => {
    await harness.signIn();
    harness.client.store.setActiveMsisdn(LINKED as Msisdn);
    const { switcher } = await mount(harness);
    await waitForText(switcher, 'Дочь');
    trigger(switcher).focus();
    key(trigger(switcher), 'ArrowDown');
    const list = await waitFor(switcher, '[role="listbox"]');
    await waitUntil(() => switcher.shadowRoot!.activeElement === list);
    expect(list.getAttribute('aria-activedescendant')).to.equal(`option-${LINKED.slice(1)}`);
    expect(button(switcher, 'Переименовать +7 916 765-43-21').closest('.popup-actions')).not.to.equal(null);
    key(list, 'F2');
    const field = (await waitFor(switcher, '#rename-label')) as HTMLInputElement;
    await waitUntil(() => switcher.shadowRoot!.activeElement === field);
    expect(maybe(switcher, '[role="listbox"]')).to.equal(null);
    expect(field.value).to.equal('Дочь');
    expect(text(switcher)).to.include('Название для +7 916 765-43-21');
    await expect(switcher).to.be.accessible();
    type(field, '  Дочка  ');
    button(switcher, 'Сохранить').click();
    await waitForText(switcher, 'Номер +7 916 765-43-21 теперь называется «Дочка».');
    await waitUntil(() => trigger(switcher).textContent!.includes('Дочка'), `the button still shows: ${trigger(switcher).textContent}`);
    expect(switcher.shadowRoot!.activeElement).to.equal(trigger(switcher));
    expect(maybe(switcher, 'form')).to.equal(null);
    expect(harness.count(/PATCH \/v1\/links\/79167654321/)).to.equal(1);
    await open(switcher);
    expect(option(switcher, LINKED).textContent).to.include('Дочка');
  });

  it('explains a too-long label next to the field and keeps the typed text', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    const list = await open(switcher);
    key(list, 'ArrowDown');
    await switcher.updateComplete;
    button(switcher, 'Переименовать +7 916 765-43-21').click();
    const field = (await waitFor(switcher, '#rename-label')) as HTMLInputElement;
    const long = 'Очень длинное название для номера дочери';
    type(field, long);
    button(switcher, 'Сохранить').click();
    await waitUntil(() => ($(switcher, '#rename-error').textContent ?? '').includes('Слишком длинное название'), `no error at the field: ${text(switcher)}`);
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.include('rename-error');
    expect(field.value).to.equal(long);
    await waitUntil(() => switcher.shadowRoot!.activeElement === field);
    await expect(switcher).to.be.accessible();
    // Typing clears the error; Cancel leaves the label as it was.
    type(field, long + '!');
    await switcher.updateComplete;
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    button(switcher, 'Отмена').click();
    await waitUntil(() => switcher.shadowRoot!.activeElement === trigger(switcher));
    await open(switcher);
    expect(option(switcher, LINKED).textContent).to.include('Дочь');
    expect(harness.count(/PATCH \/v1\/links/)).to.equal(1);
  });

  it('offers no rename for the primary number', async () => {
    await harness.signIn();
    const { switcher } = await mount(harness);
    const list = await open(switcher);
    expect(list.getAttribute('aria-activedescendant')).to.equal(`option-${DEMO.slice(1)}`);
    expect(text(switcher)).not.to.include('Переименовать');
    key(list, 'F2');
    await switcher.updateComplete;
    expect(maybe(switcher, '#rename-label')).to.equal(null);
  });

  it('speaks English', async () => {
    harness = await startHarness({ locale: 'en' });
    await harness.signIn();
    const { switcher } = await mount(harness, { locale: 'en' });
    await waitForText(switcher, 'Main number');
    await open(switcher);
    expect(option(switcher, PENDING).textContent).to.match(/Pending until [A-Z][a-z]+ \d+/);
    expect(option(switcher, LINKED).querySelector('.badge')!.textContent).to.equal('Active');
    expect(text(switcher)).to.include('+7 916 765-43-21 Дочь');
    await expect(switcher).to.be.accessible();
  });

  it('asks to sign in when signed out', async () => {
    const provider = (await fixture(html`<kb-provider .client=${harness.client}><kb-number-switcher></kb-number-switcher></kb-provider>`)) as KbProvider;
    const switcher = provider.querySelector('kb-number-switcher')!;
    await waitForText(switcher, 'Войдите, чтобы увидеть свои номера.');
    await expect(switcher).to.be.accessible();
  });
});
