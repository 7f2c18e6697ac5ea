import { afterEach, expect, it } from 'vitest';
import { waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { mark, reportFirstDraw } from './startup';

afterEach(() => clearMocks());

// Both calls' frames run in the same batches: a second report would land with the first.
it('reports the first draw to the core once per window, after a paint', async () => {
  const marks: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'startup_mark') marks.push(args);
    return null;
  });
  mark('answered');
  reportFirstDraw('dashboard');
  reportFirstDraw('dashboard');
  mark('later');
  expect(marks).toEqual([]);
  await waitFor(() => expect(marks).toHaveLength(1));
  const [report] = marks as { what: string; marks: [string, number][] }[];
  expect(report.what).toBe('dashboard');
  // The page's own marks, in the order reached, each no earlier than the one before;
  // a mark after the report is not kept.
  expect(report.marks.map(([name]) => name)).toEqual(['script', 'answered', 'rendered', 'frame', 'drawn']);
  const times = report.marks.map(([, ms]) => ms);
  expect(times[0]).toBeGreaterThanOrEqual(0);
  expect(times).toEqual([...times].sort((a, b) => a - b));
});
