import { describe, expect, it } from 'vitest';
import { en, ru } from './messages';
import { i18n } from './i18n.svelte';

describe('messages', () => {
  it('has every key in both languages, none left empty or untranslated', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(ru[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      if (key !== 'app.title') expect(en[key], key).not.toBe(ru[key]);
    }
  });

  it('says nothing in Russian on the English screen', () => {
    // The one exception names the other language in its own words, as a language switch does.
    const russian = (Object.keys(en) as (keyof typeof en)[]).filter((k) => k !== 'palette.language' && /[А-Яа-яЁё]/.test(en[k]));
    expect(russian.map((k) => `${k}: ${en[k]}`)).toEqual([]);
  });

  it('fills parameters and follows the language', () => {
    i18n.lang = 'ru';
    expect(i18n.t('project.stage', { n: 2, total: 3 })).toBe('Этап разработки: 2 из 3');
    i18n.lang = 'en';
    expect(i18n.t('project.stage', { n: 2, total: 3 })).toBe('Development stage: 2 of 3');
    expect(i18n.tx({ ru: 'Оценка', en: 'Estimate' })).toBe('Estimate');
  });

  it('counts loops with the right plural forms', () => {
    i18n.lang = 'ru';
    expect([0, 1, 2, 5, 21, 22].map(i18n.times)).toEqual([
      '0 раз',
      '1 раз',
      '2 раза',
      '5 раз',
      '21 раз',
      '22 раза',
    ]);
    i18n.lang = 'en';
    expect([1, 2].map(i18n.times)).toEqual(['1 time', '2 times']);
  });
});
