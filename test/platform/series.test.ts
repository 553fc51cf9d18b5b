import { describe, expect, it } from 'vitest';
import { lastDays } from '../../src/modules/activation/rules.js';
import { lastMonths } from '../../src/modules/downloads/rules.js';
import { zeroFilled } from '../../src/platform/series.js';

describe('chart buckets (issue 15): the days and months a chart shows, zero-filled; the clock is passed in', () => {
  it('the last n UTC days end today, oldest first, across a month and a year end', () => {
    expect(lastDays(new Date('2026-01-02T23:59:59Z'), 4)).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(lastDays(new Date('2026-03-01T00:00:00Z'), 2)).toEqual(['2026-02-28', '2026-03-01']);
    expect(lastDays(new Date('2028-03-01T10:00:00Z'), 2)).toEqual(['2028-02-29', '2028-03-01']);
    expect(lastDays(new Date('2026-06-15T12:00:00Z'), 1)).toEqual(['2026-06-15']);
  });

  it('an instant late in the evening elsewhere is the UTC day (not the local day)', () => {
    expect(lastDays(new Date('2026-06-15T23:30:00-02:00'), 1)).toEqual(['2026-06-16']);
  });

  it('the last twelve months end with the current one, across a year end; the 31st does not skip a short month', () => {
    const months = lastMonths(new Date('2026-03-31T12:00:00Z'), 12);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months.slice(9)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(lastMonths(new Date('2026-01-01T00:00:00Z'), 2)).toEqual(['2025-12', '2026-01']);
  });

  it('zero-fills every bucket the query found nothing for, keeps the order, drops counts outside the buckets', () => {
    expect(
      zeroFilled(
        ['2026-01', '2026-02', '2026-03'],
        [
          { bucket: '2026-03', count: 4 },
          { bucket: '2025-12', count: 9 },
          { bucket: '2026-01', count: 1 },
        ],
        'month',
      ),
    ).toEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 0 },
      { month: '2026-03', count: 4 },
    ]);
    expect(zeroFilled(['2026-06-15'], [], 'day')).toEqual([{ day: '2026-06-15', count: 0 }]);
  });
});
