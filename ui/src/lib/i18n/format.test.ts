import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, parseDate } from './format';

describe('formatNumber', () => {
  // Issue 9: the Russian interface showed «Всего часов 860.5» and a price `2836500.0`.
  it('writes figures as the interface language does, whatever the system locale', () => {
    expect(formatNumber('860.5', 'ru')).toBe('860,5');
    expect(formatNumber('2836500.0', 'ru', 2)).toBe('2\u00a0836\u00a0500,00');
    expect(formatNumber('860.50', 'en')).toBe('860.5');
    expect(formatNumber('2836500.0', 'en', 2)).toBe('2,836,500.00');
    expect(formatNumber('-12', 'en')).toBe('-12');
  });

  it('keeps every digit of a large figure', () => {
    expect(formatNumber('12345678901234567890.12', 'en', 2)).toBe('12,345,678,901,234,567,890.12');
  });

  it('leaves what is not a plain decimal as it is', () => {
    expect(formatNumber('1e309', 'ru')).toBe('1e309');
  });
});

describe('dates', () => {
  it('shows and reads the language\'s own format', () => {
    expect(formatDate('2027-05-31', 'ru')).toBe('31.05.2027');
    expect(formatDate('2027-05-31', 'en')).toBe('31/05/2027');
    expect(parseDate('31.05.2027')).toBe('2027-05-31');
    expect(parseDate('1/5/2027')).toBe('2027-05-01');
    expect(parseDate('2027-05-31')).toBe('2027-05-31');
    expect(parseDate('')).toBe('');
    expect(parseDate('31.02.2027')).toBeNull();
    expect(parseDate('завтра')).toBeNull();
  });
});
