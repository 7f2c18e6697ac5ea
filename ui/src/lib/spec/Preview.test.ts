import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Preview from './Preview.svelte';
import type { Block } from '../ipc';

afterEach(() => clearMocks());

// What the core answers for the text below (the parse itself is pinned by the
// fixtures in the domain crate; here only the drawing is under test).
const blocks: Block[] = [
  { kind: 'paragraph', runs: [{ text: 'Поле ', bold: false, italic: false, code: false }, { text: 'order_id', bold: false, italic: false, code: true }] },
  {
    kind: 'list',
    items: [
      { level: 0, number: 3, marker: '3)', runs: [{ text: 'Разработка и отладка', bold: false, italic: false, code: false }] },
      { level: 1, number: null, marker: '•', runs: [{ text: 'код', bold: false, italic: false, code: false }] },
    ],
  },
  { kind: 'quote', paragraphs: [[{ text: 'цитата', bold: false, italic: false, code: false }]] },
  {
    kind: 'table',
    header: [[{ text: 'Роль', bold: false, italic: false, code: false }], [{ text: 'Права', bold: false, italic: true, code: false }]],
    rows: [[[{ text: 'Дилер', bold: true, italic: false, code: false }], [{ text: '<b>x</b>', bold: false, italic: false, code: false }]]],
  },
];

describe('Preview', () => {
  it('draws the blocks the core parsed: the author’s numbers, levels, code, styled cells', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push({ cmd, args });
      return cmd === 'markdown_blocks' ? blocks : null;
    });
    render(Preview, { body: 'любой текст', lang: 'ru' });
    const item = await screen.findByText('Разработка и отладка');
    expect(asked[0]).toEqual({ cmd: 'markdown_blocks', args: { text: 'любой текст', lang: 'ru' } });
    expect(item.closest('li')).toHaveTextContent('3)Разработка и отладка');
    const nested = screen.getByText('код').closest('li');
    expect(nested?.dataset.level).toBe('1');
    expect(nested?.style.paddingLeft).not.toBe(item.closest('li')?.style.paddingLeft);
    expect(screen.getByText('order_id').tagName).toBe('CODE');
    expect(screen.getByText('order_id').textContent).toBe('order_id');
    expect(screen.getByText('Права').tagName).toBe('EM');
    expect(screen.getByText('Дилер').tagName).toBe('STRONG');
    // Text from a cell is text, never markup.
    expect(screen.getByText('<b>x</b>').tagName).toBe('TD');
    expect(screen.getByText('цитата').closest('blockquote')).not.toBeNull();
  });

  it('follows the text as it is typed and ends on the latest one', async () => {
    const texts: string[] = [];
    mockIPC((cmd, args) => {
      const text = (args as { text: string }).text;
      texts.push(text);
      return [{ kind: 'paragraph', runs: [{ text, bold: false, italic: false, code: false }] }];
    });
    const view = render(Preview, { body: 'а', lang: 'ru' });
    await screen.findByText('а');
    await view.rerender({ body: 'аб', lang: 'ru' });
    await view.rerender({ body: 'абв', lang: 'ru' });
    await screen.findByText('абв');
    // Typing asks at most once per change (usually once per pause), the last ask
    // being the latest text.
    await waitFor(() => expect(texts.at(-1)).toBe('абв'));
    expect(texts.length).toBeLessThanOrEqual(3);
    expect(screen.queryByText('аб')).toBeNull();
  });
});
