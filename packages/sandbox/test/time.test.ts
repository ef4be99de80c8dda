import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextPeriodStart } from '../src/billing-period.js';
import { addBusinessDays } from '../src/business-days.js';
import { parseDuration } from '../src/duration.js';

describe('sandbox time', () => {
  it('reads ISO 8601 durations with days, hours, minutes and seconds', () => {
    assert.equal(parseDuration('PT21M'), 21 * 60_000);
    assert.equal(parseDuration('P2D'), 2 * 86_400_000);
    assert.equal(parseDuration('P1DT2H30M15S'), 86_400_000 + 2 * 3_600_000 + 30 * 60_000 + 15_000);
    assert.equal(parseDuration('PT0.5S'), 500);
    for (const text of ['P', 'PT', '21M', 'P1M', 'P1W', 'PT-5M', '', 'PT5m']) assert.equal(parseDuration(text), null, text);
  });

  it('counts two business days over a weekend', () => {
    const friday = new Date('2026-11-27T10:00:00Z');
    assert.equal(addBusinessDays(friday, 2).toISOString(), '2026-12-01T10:00:00.000Z');
    const monday = new Date('2026-11-23T10:00:00Z');
    assert.equal(addBusinessDays(monday, 2).toISOString(), '2026-11-25T10:00:00.000Z');
  });

  it('renews packages at the next first of the month, Moscow midnight', () => {
    assert.equal(nextPeriodStart(new Date('2026-11-25T12:00:00Z')).toISOString(), '2026-11-30T21:00:00.000Z');
    // 22:00 UTC on the 30th is already December 1st in Moscow.
    assert.equal(nextPeriodStart(new Date('2026-11-30T22:00:00Z')).toISOString(), '2026-12-31T21:00:00.000Z');
    assert.equal(nextPeriodStart(new Date('2026-12-15T00:00:00Z')).toISOString(), '2026-12-31T21:00:00.000Z');
  });
});
