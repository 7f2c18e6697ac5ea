// The interface language as rune state, and the two ways to get a string: `t` for the
// UI's own words, `tx` for a text the core sent in both languages.
import type { Lang, Text } from '../ipc/bindings';
import { en, ru, type MessageKey } from './messages';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { ru, en };

class I18n {
  lang = $state<Lang>('ru');

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    let s = dictionaries[this.lang][key];
    for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };

  tx = (text: Text): string => text[this.lang];

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
