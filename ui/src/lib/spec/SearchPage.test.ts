import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SearchPage from './SearchPage.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { SearchHit } from '../ipc';

afterEach(() => clearMocks());

const hit = (i: number): SearchHit => ({
  project_id: i,
  project_title: `Проект ${i}`,
  version_id: i,
  version: 1,
  section_number: '4.2',
  section_title: 'Функции',
  snippet: `…выгрузка [заказов] ${i}…`,
});

describe('SearchPage', () => {
  it('shows the first page of hits and the next one when asked', async () => {
    const all = Array.from({ length: 25 }, (_, i) => hit(i + 1));
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      // The projects that match by name come from the dashboard's filter: none here.
      if (cmd === 'dashboard') return { rows: [] };
      if (cmd !== 'search_page') return null;
      const { offset, limit } = args as { offset: number; limit: number };
      asked.push(offset);
      return { hits: all.slice(offset, offset + limit), more: offset + limit < all.length };
    });
    i18n.lang = 'en';
    render(SearchPage, { query: 'заказов' });
    expect(await screen.findByText('Проект 1')).toBeInTheDocument();
    expect(screen.getAllByTestId('search-hit')).toHaveLength(20);
    await fireEvent.click(screen.getByTestId('search-more'));
    expect(await screen.findByText('Проект 25')).toBeInTheDocument();
    expect(screen.getAllByTestId('search-hit')).toHaveLength(25);
    expect(screen.queryByTestId('search-more')).toBeNull();
    expect(asked).toEqual([0, 20]);
  });
});
