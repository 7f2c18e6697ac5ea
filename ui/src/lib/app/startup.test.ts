import { afterEach, expect, it } from 'vitest';
import { waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { reportFirstDraw } from './startup';

afterEach(() => clearMocks());

// Both calls' frames run in the same batches: a second report would land with the first.
it('reports the first draw to the core once per window, after a paint', async () => {
  const marks: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'startup_mark') marks.push(args);
    return null;
  });
  reportFirstDraw('dashboard');
  reportFirstDraw('dashboard');
  expect(marks).toEqual([]);
  await waitFor(() => expect(marks).toHaveLength(1));
  const [mark] = marks as { what: string; scriptMs: number; drawnMs: number }[];
  expect(mark.what).toBe('dashboard');
  // The page's own times: the script began before the page was drawn.
  expect(mark.scriptMs).toBeGreaterThanOrEqual(0);
  expect(mark.drawnMs).toBeGreaterThanOrEqual(mark.scriptMs);
});
