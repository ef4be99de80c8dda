import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPhone, isMsisdn, msisdnFromPath, msisdnPath, parsePhone } from '../src/phone.js';

describe('parsePhone', () => {
  const typed = [
    '+79161234567',
    '+7 916 123-45-67',
    '8 (916) 123-45-67',
    '89161234567',
    '9161234567',
    '7 916 1234567',
    '+7(916)123-45-67',
    '+7\u00a0916\u00a0123\u00a045\u00a067',
    '8\u00a0916\u00a0123-45-67',
    '  +7 (916) 123 45 67  ',
    '7-916-123-45-67',
    '916.123.45.67',
  ];
  for (const text of typed) {
    it(`accepts ${JSON.stringify(text)} as +79161234567`, () => {
      assert.equal(parsePhone(text), '+79161234567');
    });
  }

  const refused: Array<[string, string]> = [
    ['+7 495 123-45-67', 'a Moscow landline'],
    ['8 (495) 123-45-67', 'a landline typed with 8'],
    ['4951234567', 'a bare landline'],
    ['+7 916 123-45-6', 'one digit short'],
    ['916123456', 'a nine-digit national number'],
    ['+7 916 123-45-678', 'one digit too many'],
    ['891612345678', 'twelve digits with 8'],
    ['+7 916 ABC-45-67', 'letters'],
    ['phone', 'a word'],
    ['+1 212 555-01-23', 'a US number'],
    ['+8 916 123-45-67', 'a plus before 8'],
    ['+44 7911 123456', 'a UK mobile'],
    ['', 'nothing'],
    ['+', 'a lone plus'],
    ['+7 916 123+45-67', 'a plus in the middle'],
  ];
  for (const [text, what] of refused) {
    it(`refuses ${what} (${JSON.stringify(text)})`, () => {
      assert.equal(parsePhone(text), null);
    });
  }
});

describe('formatPhone', () => {
  it('shows an E.164 number as +7 916 123-45-67', () => {
    assert.equal(formatPhone('+79161234567'), '+7 916 123-45-67');
  });
  it('normalizes whatever was typed before showing it', () => {
    assert.equal(formatPhone('8 (903) 111 22 33'), '+7 903 111-22-33');
  });
  it('returns text that is not a Russian mobile number unchanged', () => {
    assert.equal(formatPhone('+1 212 555 0123'), '+1 212 555 0123');
  });
});

describe('msisdn in paths', () => {
  it('drops the plus for a path segment and restores it', () => {
    assert.equal(msisdnPath('+79161234567'), '79161234567');
    assert.equal(msisdnFromPath('79161234567'), '+79161234567');
  });
  it('refuses a path segment that is not a mobile number', () => {
    assert.equal(msisdnFromPath('74951234567'), null);
    assert.equal(msisdnFromPath('abc'), null);
  });
  it('recognizes E.164 Russian mobile numbers only', () => {
    assert.equal(isMsisdn('+79161234567'), true);
    assert.equal(isMsisdn('89161234567'), false);
  });
});
