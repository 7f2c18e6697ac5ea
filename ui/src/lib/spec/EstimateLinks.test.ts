import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import EstimateLinks from './EstimateLinks.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { EstimateItem } from '../ipc';

const item = (key: number, title: string) => ({ key, title }) as unknown as EstimateItem;
const items = [item(1, 'Вход по номеру телефона'), item(2, 'Каталог'), item(3, 'Обмен с 1С')];

describe('EstimateLinks', () => {
  it('names the linked items, and ticking one links it while unticking unlinks', async () => {
    i18n.lang = 'ru';
    render(EstimateLinks, { items, value: [2] });
    const chosen = () => screen.queryAllByTestId('req-estimate-chosen').map((c) => c.textContent);
    expect(chosen()).toEqual(['Каталог']);
    const boxes = screen.getAllByTestId('req-estimate-item') as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([false, true, false]);
    await fireEvent.click(boxes[2]);
    expect(chosen()).toEqual(['Каталог', 'Обмен с 1С']);
    await fireEvent.click(boxes[1]);
    expect(chosen()).toEqual(['Обмен с 1С']);
  });

  it('says none is linked in words, and Esc closes the open list', async () => {
    i18n.lang = 'en';
    render(EstimateLinks, { items, value: [] });
    expect(screen.getByTestId('req-estimate')).toHaveTextContent('none linked — choose');
    const details = screen.getByTestId('req-estimate') as HTMLDetailsElement;
    details.open = true;
    await fireEvent.keyDown(screen.getAllByTestId('req-estimate-item')[0], { key: 'Escape' });
    expect(details.open).toBe(false);
  });
});
