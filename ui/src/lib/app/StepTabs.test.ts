import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import StepTabs from './StepTabs.svelte';
import { map } from '../ipc/fixtures';
import type { LifecycleMap, Step } from '../ipc';

const step = (s: Step, number: string) => ({ step: s, number, name: { ru: s, en: s }, current: false, visits: 1 });

describe('StepTabs', () => {
  it('numbers each tab as the core numbers the step, and moves with the arrow keys', async () => {
    // Numbers the window did not invent: whatever the map says is what the tab shows.
    const numbered: LifecycleMap = {
      ...map,
      phases: [
        { phase: 'deployment', name: { ru: '3', en: '3' }, steps: [step('deployment', '3.1'), step('switchover', '3.2')] },
      ],
    };
    render(StepTabs, {
      steps: [
        { step: 'deployment', key: 'deploy.tab.plan' },
        { step: 'switchover', key: 'deploy.tab.switchover' },
      ],
      map: numbered,
      label: 'tabs',
      tab: 'deployment',
    });
    expect(screen.getByTestId('tab-deployment').textContent).toMatch(/^3\.1 /);
    expect(screen.getByTestId('tab-switchover').textContent).toMatch(/^3\.2 /);
    await fireEvent.keyDown(screen.getByRole('tablist'), { key: 'ArrowRight' });
    expect(screen.getByTestId('tab-switchover').getAttribute('aria-selected')).toBe('true');
  });
});
