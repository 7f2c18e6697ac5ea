// Figures and dates as the interface language writes them, whatever the system
// locale: «860,5», «2 836 500,00», «31.05.2027» in Russian; "860.5", "2,836,500.00",
// "31/05/2027" in English. Presentation only: the core computes and judges the values.
import type { Lang } from '../ipc/bindings';

const locales: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' };

/** A decimal the core sent as text ("2836500.0", "-12.50") written for `lang`. Exact:
 *  the digits never pass through a float. `fraction` pads to that many decimals (money);
 *  without it trailing zeros are dropped. Text that is not a plain decimal is returned
 *  as it is. */
export function formatNumber(text: string, lang: Lang, fraction?: number): string {
  const m = /^\s*(-?)(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return text;
  const [, sign, int, rawFrac = ''] = m;
  let frac = fraction === undefined ? rawFrac.replace(/0+$/, '') : rawFrac.padEnd(fraction, '0');
  if (fraction !== undefined && frac.length > fraction) frac = frac.replace(/0+$/, '').padEnd(fraction, '0');
  const nf = new Intl.NumberFormat(locales[lang]);
  const decimal = nf.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const whole = nf.format(BigInt(int));
  return `${sign}${whole}${frac ? decimal + frac : ''}`;
}

/** The pattern a date is written in: "ДД.ММ.ГГГГ" / "DD/MM/YYYY". */
export function datePattern(lang: Lang): string {
  return lang === 'ru' ? 'ДД.ММ.ГГГГ' : 'DD/MM/YYYY';
}

/** An ISO date (YYYY-MM-DD) as `lang` writes it in a field: 31.05.2027 / 31/05/2027.
 *  Anything else is shown as it is (the core warns about it). */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'ru' ? `${d}.${mo}.${y}` : `${d}/${mo}/${y}`;
}

/** A typed date back to ISO: day, month and year in the language's order, with any of
 *  . / - or a space between them (an ISO date is accepted as it is). `null` when the
 *  text is not a calendar date; empty text is an empty date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dmy = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(t);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!y || !mo || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
