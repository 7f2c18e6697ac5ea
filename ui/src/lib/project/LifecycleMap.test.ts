import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import LifecycleMap from './LifecycleMap.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { map } from '../ipc/fixtures';
import type { LifecycleMap as Map } from '../ipc';

const withNotYet: Map = {
  ...map,
  phases: [
    {
      ...map.phases[0],
      steps: [
        ...map.phases[0].steps,
        { step: 'estimate', number: '1.3', name: { ru: 'Оценка', en: 'Estimate' }, current: false, visits: 0 },
      ],
    },
  ],
};

describe('the lifecycle map for a screen reader', () => {
  it('is a list per phase whose steps say their state in words, not only in colour', () => {
    i18n.lang = 'ru';
    render(LifecycleMap, { map: withNotYet });
    const list = screen.getByRole('list', { name: '1. Подготовительный этап' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '1.1 Запрос клиента пройден 1 раз',
      '1.2 Уточнение требований ×2 текущий шаг, пройден 2 раза',
      '1.3 Оценка ещё не начат',
    ]);
    expect(items[1]).toHaveAttribute('aria-current', 'step');
  });

  it('in English too', () => {
    i18n.lang = 'en';
    render(LifecycleMap, { map: withNotYet });
    expect(screen.getByTestId('state-clarification')).toHaveTextContent('current step, entered 2 times');
    expect(screen.getByTestId('state-estimate')).toHaveTextContent('not started yet');
  });
});
