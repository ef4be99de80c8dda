import { expect } from '@open-wc/testing';
import { collator, dateTimeFormat, formatBillingDate, formatDate, numberFormat, pluralRules } from '../src/shared/intl.js';
import { plural } from '../src/shared/messages.js';

describe('Intl formatters', () => {
  it('are made once per locale and options, and shared', () => {
    expect(numberFormat('ru', 1)).to.equal(numberFormat('ru', 1));
    expect(numberFormat('ru', 1)).not.to.equal(numberFormat('ru', 0));
    expect(numberFormat('en', 1)).not.to.equal(numberFormat('ru', 1));
    expect(dateTimeFormat('en', { hour: '2-digit', minute: '2-digit' })).to.equal(dateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }));
    expect(pluralRules('ru')).to.equal(pluralRules('ru'));
    expect(collator('en')).to.equal(collator('en'));
  });

  it('format as people read them in each locale', () => {
    expect(numberFormat('ru', 1).format(1234.56)).to.equal('1\u00a0234,6');
    expect(numberFormat('en', 0).format(1234.56)).to.equal('1,235');
    expect(formatDate('2030-01-21T10:00:00Z', 'ru')).to.equal('21 января');
    expect(formatDate('2030-01-21T10:00:00Z', 'en')).to.equal('January 21');
    // A billing day is Moscow's day wherever the reader is.
    expect(formatBillingDate('2030-01-31T21:00:00Z', 'ru')).to.equal('1 февраля');
    expect(plural('ru', 3, { one: '# попытка', few: '# попытки', many: '# попыток', other: '# попытки' })).to.equal('3 попытки');
    expect(['Б', 'а', 'Я'].sort(collator('ru').compare)).to.deep.equal(['а', 'Б', 'Я']);
  });
});
