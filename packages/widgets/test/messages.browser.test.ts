import { expect } from '@open-wc/testing';
import { KabinetError, PROBLEM_CODES, type Locale } from '@kabinet/client';
import { commonMessages, widgetMessages, type Catalog, type ExplainedCode } from '../src/shared/messages.js';
import { actionProblems } from '../src/shared/action-messages.js';
import { messages } from '../src/host-messages.js';
import { explain } from '../src/shared/problem.js';
import { balanceMessages } from '../src/kb-balance-card/messages.js';
import { loginMessages } from '../src/kb-login/messages.js';
import { switcherMessages } from '../src/kb-number-switcher/messages.js';
import { tariffsMessages } from '../src/kb-tariff-picker/messages.js';
import { topUpMessages } from '../src/kb-top-up-form/messages.js';

const LOCALES: Locale[] = ['ru', 'en'];
const TRANSPORT: ExplainedCode[] = ['network_error', 'timeout', 'invalid_response', 'unknown'];
const WIDGETS: Record<string, Catalog<object>> = {
  'kb-balance-card': balanceMessages,
  'kb-login': loginMessages,
  'kb-number-switcher': switcherMessages,
  'kb-tariff-picker': tariffsMessages,
  'kb-top-up-form': topUpMessages,
};
const CHANGING = ['kb-login', 'kb-number-switcher', 'kb-tariff-picker', 'kb-top-up-form'];

/** Every code some widget explains in `locale`: the shared texts merged with each widget's own. */
function explained(locale: Locale): Set<string> {
  const codes = new Set<string>();
  for (const catalog of Object.values(WIDGETS)) for (const code of Object.keys(widgetMessages(catalog, locale).problem)) codes.add(code);
  return codes;
}

describe('texts', () => {
  it('explains every problem code of the API and the transport, in both locales', () => {
    for (const locale of LOCALES) {
      const codes = explained(locale);
      const missing = [...PROBLEM_CODES, ...TRANSPORT].filter((code) => !codes.has(code));
      expect(missing, `${locale}: codes no widget explains`).to.deep.equal([]);
    }
  });

  it('gives every widget that changes something the problems of a change; the balance card only the shared ones', () => {
    const actionCodes = Object.keys(actionProblems.en);
    for (const locale of LOCALES) {
      for (const tag of CHANGING) {
        const problem = widgetMessages(WIDGETS[tag]!, locale).problem as Record<string, string>;
        for (const code of actionCodes) expect(problem[code], `${tag} ${locale} ${code}`).to.equal(actionProblems[locale][code as keyof typeof actionProblems.en]);
      }
      const balance = Object.keys(widgetMessages(balanceMessages, locale).problem);
      expect(balance).to.have.members(Object.keys(commonMessages(locale).problem));
    }
  });

  it('has the same texts in Russian and English, none empty', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
        : typeof value === 'string'
          ? value.trim() !== ''
          : typeof value;
    for (const [tag, catalog] of Object.entries({ ...WIDGETS, common: { ru: commonMessages('ru'), en: commonMessages('en') } })) {
      expect(shape(catalog.ru), tag).to.deep.equal(shape(catalog.en));
    }
  });

  it('explains a widget’s own problem with its texts, and one it never meets as unknown', () => {
    const error = new KabinetError('owner', { code: 'owner_mismatch', status: 409 });
    const switcher = explain(error, widgetMessages(switcherMessages, 'ru'));
    expect(switcher.code).to.equal('owner_mismatch');
    expect(switcher.message).to.contain('на другого человека');
    const balance = explain(error, widgetMessages(balanceMessages, 'en'));
    expect(balance).to.deep.equal({ code: 'unknown', message: commonMessages('en').problem.unknown });
    const server = explain(new KabinetError('down', { code: 'http_502', status: 502 }), widgetMessages(balanceMessages, 'en'));
    expect(server.code).to.equal('internal_error');
  });

  it('gives host pages the common words and every problem explained (messages)', () => {
    for (const locale of LOCALES) {
      const texts = messages(locale);
      for (const code of [...PROBLEM_CODES, ...TRANSPORT]) expect(texts.problem[code], `${locale} ${code}`).to.be.a('string').and.not.equal('');
      expect(texts.problem.owner_mismatch).to.equal((widgetMessages(switcherMessages, locale).problem as Record<string, string>)['owner_mismatch']);
      expect(texts.problem.otp_locked).to.equal(actionProblems[locale].otp_locked);
    }
    expect(messages('ru').tryAgain).to.equal('Попробовать снова');
  });

  it('explains a code named like an object property as unknown', () => {
    const error = new KabinetError('odd', { code: 'toString', status: 400 });
    expect(explain(error, widgetMessages(balanceMessages, 'ru'))).to.deep.equal({ code: 'unknown', message: commonMessages('ru').problem.unknown });
  });
});
