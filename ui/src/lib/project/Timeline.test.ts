import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Timeline from './Timeline.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { Timeline as Data } from '../ipc';

afterEach(() => clearMocks());

const data: Data = {
  start: '2026-10-01',
  days: 45,
  today_day: 45,
  months: [
    [0, '2026-10-01'],
    [31, '2026-11-01'],
  ],
  stages: [
    {
      number: 1,
      title: 'Вход',
      planned_start: '2026-10-10',
      planned_end: '2026-10-20',
      accepted_on: '2026-10-25',
      start_day: 9,
      end_day: 19,
      accepted_day: 24,
      late: true,
    },
    {
      number: 2,
      title: 'Отчёты',
      planned_start: '2026-10-21',
      planned_end: '2026-11-30',
      accepted_on: null,
      start_day: 20,
      end_day: 60,
      accepted_day: null,
      late: false,
    },
  ],
  markers: [
    { date: '2026-10-05', day: 4, label: { ru: '1.4 → 1.2 Клиент отказался', en: '1.4 → 1.2 Client refused' }, to: 'clarification', loop_kind: 'refusal' },
  ],
};

describe('Timeline', () => {
  it('draws each stage where the core placed it, accepted days and history markers, and lists them', async () => {
    mockIPC((cmd) => (cmd === 'timeline' ? data : null));
    i18n.lang = 'en';
    render(Timeline, { projectId: 1 });
    const bars = await screen.findAllByTestId('timeline-bar');
    expect(bars).toHaveLength(2);
    // Stage 2 starts later than stage 1 and is longer: the day offsets are kept.
    const x = (e: Element) => Number(e.getAttribute('x'));
    const w = (e: Element) => Number(e.getAttribute('width'));
    expect(x(bars[1])).toBeGreaterThan(x(bars[0]));
    expect(w(bars[1])).toBeGreaterThan(w(bars[0]));
    expect(bars[0].getAttribute('class')).toContain('late');
    expect(screen.getAllByTestId('timeline-accepted')).toHaveLength(1);
    const marker = screen.getByTestId('timeline-marker');
    expect(marker.getAttribute('class')).toContain('loop');
    const list = screen.getByTestId('timeline-list');
    expect(list).toHaveTextContent('Stage 1 «Вход»');
    expect(list).toHaveTextContent('later than planned');
    expect(list).toHaveTextContent('not accepted yet');
    expect(list).toHaveTextContent('1.4 → 1.2 Client refused');
  });

  it('says when there is nothing to draw yet', async () => {
    mockIPC(() => ({ ...data, stages: [], markers: [] }));
    i18n.lang = 'ru';
    render(Timeline, { projectId: 1 });
    expect(await screen.findByTestId('timeline-empty')).toHaveTextContent('График появится');
  });
});
