import { describe, expect, it } from 'vitest';
import { looksLikeNumber } from './number';

describe('looksLikeNumber', () => {
  it('accepts figures as Russian and English users type them', () => {
    for (const s of ['12', '12,5', '1 234,50', '1\u00a0234.5', ' 0.75 ']) expect(looksLikeNumber(s), s).toBe(true);
  });
  it('keeps mistyped figures out', () => {
    for (const s of ['', 'abc', '12,5x', '1,2,3', ',']) expect(looksLikeNumber(s), s).toBe(false);
  });
});
