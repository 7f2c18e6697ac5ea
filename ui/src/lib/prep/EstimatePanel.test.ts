import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import EstimatePanel from './EstimatePanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { estimateCard, estimateItem } from '../ipc/fixtures';
import type { EstimateDraft, FieldError } from '../ipc';

afterEach(() => clearMocks());

/** The core's answer to a save, as `EstimateDraft::read` gives it: figures that do not
 *  read stay as stored and come back refused. */
function core() {
  const saves: EstimateDraft[] = [];
  let stored = [estimateItem(1, 'Дизайн', '10'), estimateItem(2, 'API', '4')];
  mockIPC((cmd, args) => {
    if (cmd === 'estimate_card') return estimateCard(stored);
    if (cmd === 'save_estimate') {
      const draft = (args as { estimate: EstimateDraft }).estimate;
      saves.push(structuredClone(draft));
      const refused: FieldError[] = [];
      stored = draft.items.map((it, i) => {
        const hours = it.hours.kind === 'single' ? it.hours.hours : it.hours.likely;
        const ok = /^\s*-?[\d\s]*([.,]\d*)?\s*$/.test(hours);
        if (!ok)
          refused.push({
            row: i,
            field: 'hours',
            message: { ru: `Работа №${i + 1}: «${hours}» — не число`, en: `Item ${i + 1}: not a number` },
          });
        const before = stored.find((s) => s.key === it.key);
        return estimateItem(it.key || 10 + i, it.title, ok ? hours : (before?.hours.kind === 'single' ? before.hours.hours : '0'));
      });
      return estimateCard(stored, refused);
    }
    return null;
  });
  return saves;
}

describe('EstimatePanel', () => {
  // Issue 9: «1e309» in one item's hours held back a title edit in another item,
  // while the window said «Сохранено».
  it('saves a title beside a mistyped figure and never says plain "saved"', async () => {
    const saves = core();
    i18n.lang = 'ru';
    render(EstimatePanel, { projectId: 1, onchange: () => {} });
    const hours = await screen.findAllByTestId('item-hours');
    await fireEvent.input(hours[0], { target: { value: '1e309' } });
    const titles = screen.getAllByTestId('item-title');
    await fireEvent.input(titles[1], { target: { value: 'API и интеграции' } });
    await fireEvent.focusOut(titles[1]);

    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0].items[1].title).toBe('API и интеграции');
    const status = screen.getByTestId('save-status');
    await waitFor(() => expect(status).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    // The mistyped text stays on screen, marked, with the core's words.
    expect(hours[0]).toHaveValue('1e309');
    expect(hours[0]).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('estimate-refused')).toHaveTextContent('«1e309» — не число');

    i18n.lang = 'en';
    await waitFor(() => expect(status).toHaveTextContent('Saved except 1 field with an error'));

    // Corrected, it is stored and the status says saved.
    await fireEvent.input(hours[0], { target: { value: '12,5' } });
    await fireEvent.focusOut(hours[0]);
    await waitFor(() => expect(status).toHaveTextContent(/^Saved$/));
    expect(hours[0]).toHaveAttribute('aria-invalid', 'false');
    expect(saves.at(-1)?.items[0].hours).toEqual({ kind: 'single', hours: '12,5' });
  });

  it('keeps the key a new item got, so the next save updates the same item', async () => {
    const saves = core();
    render(EstimatePanel, { projectId: 1, onchange: () => {} });
    await fireEvent.click(await screen.findByTestId('add-item'));
    const titles = screen.getAllByTestId('item-title');
    await fireEvent.input(titles[2], { target: { value: 'Тесты' } });
    await fireEvent.focusOut(titles[2]);
    await waitFor(() => expect(saves.length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'saved'));
    await fireEvent.input(titles[2], { target: { value: 'Тесты и приёмка' } });
    await fireEvent.focusOut(titles[2]);
    await waitFor(() => expect(saves.at(-1)?.items[2].title).toBe('Тесты и приёмка'));
    expect(saves.at(-1)?.items[2].key).toBe(12);
  });

  // Issue 9: the Russian interface showed «Всего часов 860.5».
  it('writes figures the interface language\'s way', async () => {
    const card = estimateCard([estimateItem(1, 'Дизайн', '860.5', '3300.5')]);
    card.current!.totals.hours = '860.5';
    mockIPC((cmd) => (cmd === 'estimate_card' ? card : null));
    i18n.lang = 'ru';
    render(EstimatePanel, { projectId: 1, onchange: () => {} });
    expect(await screen.findByTestId('estimate-hours')).toHaveTextContent('860,5');
    expect(screen.getByTestId('item-hours')).toHaveValue('860,5');
    expect(screen.getByTestId('item-rate')).toHaveValue('3\u00a0300,5');
    i18n.lang = 'en';
    await waitFor(() => expect(screen.getByTestId('estimate-hours')).toHaveTextContent('860.5'));
  });
});
