import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, isNonPositive, money } from '../src/money.js';

const NBSP = '\u00a0';
const rub = (amount: number) => ({ amount, currency: 'RUB' as const });

describe('formatMoney', () => {
  it('shows 35000 kopecks as 350,00 ₽ in ru, with the no-break space Intl puts before the sign', () => {
    assert.equal(formatMoney(rub(35000), 'ru'), `350,00${NBSP}₽`);
  });
  it('shows 35000 kopecks as RUB 350.00 in en', () => {
    assert.equal(formatMoney(rub(35000), 'en'), `RUB${NBSP}350.00`);
  });
  it('groups thousands the way each locale does', () => {
    assert.equal(formatMoney(rub(123456789), 'ru'), `1${NBSP}234${NBSP}567,89${NBSP}₽`);
    assert.equal(formatMoney(rub(123456789), 'en'), `RUB${NBSP}1,234,567.89`);
  });
  it('shows a negative balance with a minus sign', () => {
    assert.equal(formatMoney(rub(-35000), 'ru'), `-350,00${NBSP}₽`);
    assert.equal(formatMoney(rub(-35000), 'en'), `-RUB${NBSP}350.00`);
  });
  it('shows zero with its kopecks', () => {
    assert.equal(formatMoney(rub(0), 'ru'), `0,00${NBSP}₽`);
    assert.equal(formatMoney(rub(0), 'en'), `RUB${NBSP}0.00`);
  });
  it('shows kopecks below one rouble', () => {
    assert.equal(formatMoney(rub(5), 'ru'), `0,05${NBSP}₽`);
  });
  it('drops the kopecks of round amounts when asked for whole amounts', () => {
    assert.equal(formatMoney(rub(10000), 'ru', { whole: true }), `100${NBSP}₽`);
    assert.equal(formatMoney(rub(10000), 'en', { whole: true }), `RUB${NBSP}100`);
  });
  it('keeps the kopecks of amounts that are not round, even when asked for whole amounts', () => {
    assert.equal(formatMoney(rub(10050), 'ru', { whole: true }), `100,50${NBSP}₽`);
  });
});

describe('money', () => {
  it('builds RUB money from integer minor units', () => {
    assert.deepEqual(money(35000), { amount: 35000, currency: 'RUB' });
  });
  it('refuses fractional minor units: money is never a float', () => {
    assert.throws(() => money(350.5), RangeError);
  });
  it('calls zero and below non-positive', () => {
    assert.equal(isNonPositive(rub(0)), true);
    assert.equal(isNonPositive(rub(-1)), true);
    assert.equal(isNonPositive(rub(1)), false);
  });
});
