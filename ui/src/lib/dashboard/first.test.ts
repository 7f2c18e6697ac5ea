import { afterEach, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { FIRST_QUERY, prefetchFirstPage, takeFirstPage } from './first';
import { reportFirstDraw } from '../app/startup';
import CreateProject from './CreateProject.svelte';

afterEach(() => clearMocks());

it('the first page is asked for once at start and taken once', async () => {
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'dashboard') asked.push((args as { query: unknown }).query);
    return { rows: [], total: 0 };
  });
  prefetchFirstPage();
  prefetchFirstPage();
  const first = takeFirstPage();
  expect(first).not.toBeNull();
  await expect(first).resolves.toEqual({ rows: [], total: 0 });
  expect(asked).toEqual([FIRST_QUERY]);
  // Taken: a later visit to the list asks the core anew, never reuses the old answer.
  expect(takeFirstPage()).toBeNull();
});

it('the new-project form reads its clients after the first draw and keeps a pick made before', async () => {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === 'list_clients') return [{ id: 7, name: 'ООО «Ромашка»' }];
    return null;
  });
  render(CreateProject, { oncreated: () => {} });
  const select = screen.getByTestId('client-select') as HTMLSelectElement;
  // Not read before the first page is drawn; the user picks «new client» meanwhile.
  await new Promise((r) => setTimeout(r, 20));
  expect(calls).not.toContain('list_clients');
  select.value = '-1';
  await fireEvent.change(select);
  reportFirstDraw('dashboard');
  await waitFor(() => expect(select.options.length).toBe(2));
  expect(calls).toContain('list_clients');
  expect(select.value).toBe('-1');
});
