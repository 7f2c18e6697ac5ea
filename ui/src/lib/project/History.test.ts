import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import History from './History.svelte';
import { map } from '../ipc/fixtures';
import type { HistoryEntry, LifecycleMap, Step } from '../ipc';

const step = (s: Step, number: string) => ({ step: s, number, name: { ru: s, en: s }, current: false, visits: 1 });
const phased: LifecycleMap = {
  ...map,
  phases: [
    { phase: 'development', name: { ru: '2', en: '2' }, steps: [step('coding', '2.3'), step('testing', '2.4')] },
    { phase: 'deployment', name: { ru: '3', en: '3' }, steps: [step('deployment', '3.1'), step('switchover', '3.2')] },
  ],
};
const entry = (id: number, from: Step, to: Step, stage: number): HistoryEntry => ({
  id,
  at: '2026-12-20T21:30:00Z',
  action: { kind: 'report_bugs' },
  from,
  to,
  round: 1,
  stage,
  comment: '',
});

describe('History', () => {
  it('names the development stage of each transition of the cycle, and none for deployment', () => {
    render(History, {
      history: [entry(3, 'switchover', 'deployment', 2), entry(2, 'testing', 'coding', 2), entry(1, 'coding', 'testing', 1)],
      map: phased,
    });
    const stages = screen.getAllByTestId('history-stage').map((e) => e.textContent);
    expect(stages).toEqual(['—', '2', '1']);
  });
});
