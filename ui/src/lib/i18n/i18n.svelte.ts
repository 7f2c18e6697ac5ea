// The interface language as rune state, and the two ways to get a string: `t` for the
// UI's own words, `tx` for a text the core sent in both languages.
import type { Lang, Text } from '../ipc/bindings';
import { en, ru, type MessageKey } from './messages';
import { formatNumber } from './format';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { ru, en };

class I18n {
  lang = $state<Lang>('ru');

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    let s = dictionaries[this.lang][key];
    for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };

  tx = (text: Text): string => text[this.lang];

  /** "1 раз", "2 раза", "5 раз" / "1 time", "2 times": the plural form by CLDR rules. */
  times = (n: number): string => {
    const form = new Intl.PluralRules(this.lang).select(n);
    const key = form === 'one' ? 'map.times.one' : form === 'few' ? 'map.times.few' : 'map.times.many';
    return this.t(key, { n });
  };

  /** «Сохранено, кроме 1 поля с ошибкой» / "… 2 fields with errors": `prefix` has
   *  `.one`, `.few` and `.many` forms, chosen by CLDR plural rules. */
  count = (prefix: 'save.partial', n: number): string => {
    const form = new Intl.PluralRules(this.lang).select(n);
    const key = form === 'one' ? `${prefix}.one` : form === 'few' ? `${prefix}.few` : `${prefix}.many`;
    return this.t(key as MessageKey, { n });
  };

  /** A decimal the core sent as text, written the interface language's way
   *  («860,5», «2 836 500,00» / "860.5", "2,836,500.00"), whatever the system locale. */
  number = (text: string, fraction?: number): string => formatNumber(text, this.lang, fraction);

  /** An ISO date (YYYY-MM-DD) as the user's locale writes it. */
  date = (iso: string): string => {
    const d = new Date(`${iso}T00:00:00`);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toLocaleDateString(this.lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium' });
  };

  /** A date-time as the user's locale writes it. */
  dateTime = (iso: string): string => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toLocaleString(this.lang === 'ru' ? 'ru-RU' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  };
}

export const i18n = new I18n();
