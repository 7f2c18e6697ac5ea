import { describe, expect, it } from 'vitest';
import { inline, parse } from './markdown';

describe('markdown subset', () => {
  it('splits paragraphs, lists and tables', () => {
    const b = parse('Первый абзац\nпродолжение.\n\n- один\n- два\n\n1. шаг\n2. шаг\n\n| A | B |\n|---|---|\n| 1 | 2 |');
    expect(b.map((x) => x.kind)).toEqual(['para', 'bullets', 'numbered', 'table']);
    expect(b[0]).toEqual({ kind: 'para', inline: [{ text: 'Первый абзац продолжение.', bold: false, italic: false }] });
    expect(b[3]).toEqual({ kind: 'table', rows: [['A', 'B'], ['1', '2']] });
  });

  it('marks bold and italic without interpreting anything as HTML', () => {
    expect(inline('**важно** и *курсив* <script>')).toEqual([
      { text: 'важно', bold: true, italic: false },
      { text: ' и ', bold: false, italic: false },
      { text: 'курсив', bold: false, italic: true },
      { text: ' <script>', bold: false, italic: false },
    ]);
  });
});
