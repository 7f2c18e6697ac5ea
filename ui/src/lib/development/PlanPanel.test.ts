import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanPanel from './PlanPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { Addendum, PlanCheck, PlannedStage, Progress, StagePlan } from '../ipc';

afterEach(() => clearMocks());

let last: { shape: [string, Record<string, unknown>][]; addendum: Addendum };

const req = (id: string, text: string) => ({ id, text, priority: 'must' as const, acceptance: '', estimate_items: [] });

/** A core that keeps the plan as storage does: an end before the start is refused
 *  with the domain's words, an exclusion needs a reason. */
function core() {
  const db: StagePlan = {
    stages: [
      { id: 1, number: 1, title: 'Вход', features: [], planned_start: '', planned_end: '', requirements: ['ТР-1'], price: null },
      { id: 2, number: 2, title: 'Отчёты', features: [], planned_start: '', planned_end: '', requirements: [], price: null },
    ],
    excluded: [],
  };
  const check = (): PlanCheck => ({
    dates: [],
    unknown: [],
    twice: [],
    unassigned: ['ТР-2', 'ТР-3'].filter((id) => !db.stages.some((s) => s.requirements.includes(id)) && !db.excluded.some((e) => e.requirement === id)),
    no_reason: [],
    prices: [
      { amount: '60000.00', currency: 'RUB' },
      { amount: '0.00', currency: 'RUB' },
    ],
    shares: { sum: { amount: '60000.00', currency: 'RUB' }, offer: { amount: '100000.00', currency: 'RUB' }, difference: { amount: '40000.00', currency: 'RUB' } },
    money_error: false,
  });
  const progress: Progress = { hours: [], rounds: [] };
  const calls: { shape: [string, Record<string, unknown>][]; addendum: Addendum } = {
    shape: [],
    addendum: { added: [], changed: [], removed: [] },
  };
  last = calls;
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'stage_plan') return structuredClone(db);
    if (cmd === 'stage_plan_check') return check();
    if (cmd === 'plan_addendum') return calls.addendum;
    if (cmd === 'reorder_stages' || cmd === 'split_stage') {
      calls.shape.push([cmd, a]);
      return structuredClone(db);
    }
    if (cmd === 'add_stage') {
      const title = (a.title as string).trim();
      if (!title) throw { code: 'empty', message: 'Введите название этапа.' };
      const n = db.stages.length + 1;
      db.stages.push({ id: n, number: n, title, features: [], planned_start: '', planned_end: '', requirements: [], price: null });
      return null;
    }
    if (cmd === 'development_progress') return progress;
    if (cmd === 'stage_default_prices')
      return [
        { amount: '60000.00', currency: 'RUB' },
        { amount: '0.00', currency: 'RUB' },
      ];
    if (cmd === 'approved_requirements') return [req('ТР-1', 'Вход по паролю'), req('ТР-2', 'Отчёт'), req('ТР-3', 'Экспорт')];
    if (cmd === 'save_planned_stage') {
      const s = a.stage as PlannedStage;
      if (s.planned_start && s.planned_end && s.planned_end < s.planned_start)
        throw { code: 'stage_dates', message: `Этап ${s.number}: окончание раньше начала.` };
      const price = (a.price as string).trim();
      if (price && !/^[\d\s]+([.,]\d+)?$/.test(price))
        throw { code: 'bad_amount', message: `«${price}» — не сумма. Введите положительное число, например 150 000,00.` };
      db.stages[s.number - 1] = { ...s, price: price ? { amount: price.replace(/\s/g, '').replace(',', '.'), currency: 'RUB' } : null };
      return structuredClone(db);
    }
    if (cmd === 'place_requirement') {
      const id = a.reqId as string;
      if (a.stage === null && !(a.reason as string).trim())
        throw { code: 'exclusion_reason', message: `Укажите, почему требование ${id} исключено из всех этапов.` };
      for (const s of db.stages) s.requirements = s.requirements.filter((r) => r !== id);
      db.excluded = db.excluded.filter((e) => e.requirement !== id);
      if (a.stage === null) db.excluded.push({ requirement: id, reason: a.reason as string });
      else db.stages[(a.stage as number) - 1].requirements.push(id);
      return structuredClone(db);
    }
    return null;
  });
  return db;
}

describe('PlanPanel', () => {
  it('adds a stage to the plan when the core says the plan is editable; an empty title is refused beside the field', async () => {
    core();
    i18n.lang = 'ru';
    let changed = 0;
    render(PlanPanel, { projectId: 1, editable: true, onchange: () => (changed += 1) });
    await waitFor(() => expect(screen.getAllByTestId('plan-stage')).toHaveLength(2));
    await fireEvent.submit(screen.getByTestId('plan-add'));
    expect(await screen.findByTestId('stage-title-error')).toHaveTextContent('Введите название этапа');
    await fireEvent.input(screen.getByTestId('stage-title'), { target: { value: 'Обмен с 1С' } });
    await fireEvent.submit(screen.getByTestId('plan-add'));
    await waitFor(() => expect(screen.getAllByTestId('plan-stage')).toHaveLength(3));
    expect((screen.getAllByTestId('plan-title')[2] as HTMLInputElement).value).toBe('Обмен с 1С');
    expect(screen.getByTestId('stage-title')).toHaveValue('');
    expect(screen.queryByTestId('stage-title-error')).toBeNull();
    expect(changed).toBe(1);
  });

  it('offers no new stage when the core says the plan may not change', async () => {
    core();
    render(PlanPanel, { projectId: 1, editable: false, onchange: () => {} });
    await waitFor(() => expect(screen.getAllByTestId('plan-stage')).toHaveLength(2));
    expect(screen.queryByTestId('stage-add')).toBeNull();
  });

  it('shows the default price, the unplaced requirements and the difference from the offer', async () => {
    core();
    i18n.lang = 'ru';
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('plan-stage');
    await waitFor(() => expect(screen.getAllByTestId('plan-price-default')[0]).toHaveTextContent('по смете: 60 000,00 ₽'));
    expect(screen.getByTestId('plan-unassigned')).toHaveTextContent('Не распределены: ТР-2, ТР-3');
    expect(screen.getByTestId('plan-shares')).toHaveTextContent('Разница: 40 000,00 ₽');
    // A requirement of a nested section is listed too.
    expect(screen.getAllByTestId('plan-req').map((r) => r.dataset.req)).toEqual(['ТР-1', 'ТР-2', 'ТР-3']);
  });

  it('an end before the start is refused beside the stage; the typed dates stay and other stages are kept', async () => {
    const db = core();
    i18n.lang = 'ru';
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('plan-stage');
    const starts = screen.getAllByTestId('plan-start');
    const ends = screen.getAllByTestId('plan-end');
    await fireEvent.input(starts[0], { target: { value: '10.03.2027' } });
    await fireEvent.input(ends[0], { target: { value: '01.03.2027' } });
    await fireEvent.input(screen.getAllByTestId('plan-title')[1], { target: { value: 'Отчёты и выгрузка' } });
    await fireEvent.focusOut(screen.getAllByTestId('plan-title')[1]);
    await waitFor(() => expect(screen.getByTestId('plan-error')).toHaveTextContent('окончание раньше начала'));
    await waitFor(() => expect(screen.getAllByTestId('save-status')[0]).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    expect((screen.getAllByTestId('plan-end')[0] as HTMLInputElement).value).toBe('01.03.2027');
    expect(db.stages[1].title).toBe('Отчёты и выгрузка');
    expect(db.stages[0].planned_end).toBe('');
  });

  it('an exclusion without a reason is refused in words and stays chosen until the reason is given', async () => {
    const db = core();
    i18n.lang = 'ru';
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    const rows = await screen.findAllByTestId('plan-req');
    const select = rows[1].querySelector('select') as HTMLSelectElement;
    await fireEvent.change(select, { target: { value: 'x' } });
    await waitFor(() => expect(screen.getByTestId('plan-req-error')).toHaveTextContent('Укажите, почему требование ТР-2 исключено'));
    expect(select.value).toBe('x');
    const reason = screen.getByTestId('plan-req-reason');
    await fireEvent.input(reason, { target: { value: 'Перенесено во второй договор' } });
    await fireEvent.change(reason);
    await waitFor(() => expect(db.excluded).toEqual([{ requirement: 'ТР-2', reason: 'Перенесено во второй договор' }]));
    await waitFor(() => expect(screen.queryByTestId('plan-req-error')).toBeNull());
    expect(screen.getByTestId('plan-unassigned')).toHaveTextContent('ТР-3');
    expect(screen.getByTestId('plan-unassigned')).not.toHaveTextContent('ТР-2');
  });

  it('a price that is not an amount is refused in words and stays typed; a good one is stored', async () => {
    const db = core();
    i18n.lang = 'ru';
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('plan-stage');
    const price = screen.getAllByTestId('plan-price')[1];
    await fireEvent.input(price, { target: { value: 'сто тысяч' } });
    await fireEvent.focusOut(price);
    await waitFor(() => expect(screen.getByTestId('plan-error')).toHaveTextContent('«сто тысяч» — не сумма'));
    expect(screen.getAllByTestId('plan-price')[1]).toHaveValue('сто тысяч');
    expect(db.stages[1].price).toBeNull();
    await fireEvent.input(screen.getAllByTestId('plan-price')[1], { target: { value: '40 000,00' } });
    await fireEvent.focusOut(screen.getAllByTestId('plan-price')[1]);
    await waitFor(() => expect(db.stages[1].price).toEqual({ amount: '40000.00', currency: 'RUB' }));
    await waitFor(() => expect(screen.queryByTestId('plan-error')).toBeNull());
    expect(screen.getByTestId('plan-price-reset')).toBeInTheDocument();
    // The estimate's default stays beside a price set by hand.
    expect(screen.getAllByTestId('plan-price-default')[1]).toHaveTextContent('по смете: 0,00 ₽');
  });

  it('moves a stage up and splits one with the requirements chosen', async () => {
    core();
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    await screen.findAllByTestId('plan-stage');
    await fireEvent.click(screen.getAllByTestId('plan-up')[1]);
    await waitFor(() => expect(last.shape).toHaveLength(1));
    expect(last.shape[0]).toEqual(['reorder_stages', { projectId: 1, from: 2, to: 1 }]);
    await fireEvent.click(screen.getAllByTestId('plan-split')[0]);
    await fireEvent.input(screen.getByTestId('split-title'), { target: { value: 'Вход по SMS' } });
    await fireEvent.click(screen.getByLabelText('ТР-1'));
    await fireEvent.click(screen.getByTestId('split-do'));
    await waitFor(() => expect(last.shape).toHaveLength(2));
    expect(last.shape[1]).toEqual(['split_stage', { projectId: 1, number: 1, moved: ['ТР-1'], title: 'Вход по SMS' }]);
  });

  it('lists what an addendum to the ТЗ asks to place', async () => {
    core();
    last.addendum = { added: ['ТР-4'], changed: [['ТР-1', 1]], removed: [['ТР-9', null]] };
    i18n.lang = 'ru';
    render(PlanPanel, { projectId: 1, onchange: () => {} });
    const box = await screen.findByTestId('plan-addendum');
    expect(box).toHaveTextContent('Добавлены: ТР-4');
    expect(box).toHaveTextContent('Изменены: ТР-1 (этап 1)');
    expect(box).toHaveTextContent('Удалены: ТР-9');
  });
});
