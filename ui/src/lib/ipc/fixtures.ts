// Sample IPC answers for UI tests, shaped by the generated bindings so a change of a
// Rust type breaks the tests at compile time (svelte-check) rather than silently.
import type {
  ActionOption,
  Estimate,
  EstimateCard,
  EstimateItem,
  EstimateView,
  FieldError,
  LifecycleMap,
  Money,
  ProjectPage,
  ProjectSummary,
  Text,
} from './bindings';

const text = (ru: string, en: string): Text => ({ ru, en });

export const summary: ProjectSummary = {
  id: 1,
  client_id: 1,
  client_name: 'ООО «Ромашка»',
  title: 'Личный кабинет клиента',
  state: { step: 'clarification', round: 2, stage: 0, stages_total: 0, cancelled_from: null },
  step_label: text('1.2 Уточнение требований', '1.2 Clarification'),
  updated_at: '2026-11-26T10:00:00Z',
};

export const planOption: ActionOption = {
  kind: 'confirm_stage_plan',
  label: text('Этапы определены', 'Stages planned'),
  target: 'environment',
  loop_kind: null,
  needs_comment: false,
  blocked: {
    code: 'no_stages',
    message: text('ТЗ ещё не разбито на этапы.', 'The specification is not split into stages yet.'),
  },
};

export const refuseOption: ActionOption = {
  kind: 'refuse_offer',
  label: text('Клиент отказался', 'Client refused'),
  target: 'clarification',
  loop_kind: 'refusal',
  needs_comment: true,
  blocked: null,
};

export const map: LifecycleMap = {
  state: summary.state,
  current: summary.step_label,
  phases: [
    {
      phase: 'preparation',
      name: text('1. Подготовительный этап', '1. Preparation'),
      steps: [
        { step: 'request', number: '1.1', name: text('Запрос клиента', 'Client request'), current: false, visits: 1 },
        { step: 'clarification', number: '1.2', name: text('Уточнение требований', 'Clarification'), current: true, visits: 2 },
      ],
    },
  ],
  loops: [
    {
      kind: 'refusal',
      name: text('Отказ клиента', 'Client refusal'),
      from: 'negotiation',
      to: 'clarification',
      arrow: '1.4 → 1.2',
      count: 1,
      per_stage: [],
    },
  ],
  options: [refuseOption],
};

export const page: ProjectPage = {
  project: summary,
  map,
  history: [],
  stages: [],
  stages_editable: false,
  workspaces: { preparation: true, development: false, deployment: false },
};

// ---- 1.3 estimate --------------------------------------------------------------------

const rub = (amount: string): Money => ({ amount, currency: 'RUB' });

/** An editable estimate card with these items (figures are not recomputed). */
export function estimateCard(items: EstimateItem[], refused: FieldError[] = []): EstimateCard {
  const estimate: Estimate = {
    id: 5,
    version: 1,
    round: 1,
    estimated_by: 'manager',
    discount_percent: '0',
    vat: { kind: 'exempt', reason: 'УСН' },
    currency: 'RUB',
    items,
  };
  const zero = text('0,00 ₽', 'RUB 0.00');
  const view: EstimateView = {
    estimate,
    totals: {
      items: items.map(() => ({ hours: '0', amount: rub('0'), amount_text: zero })),
      hours: '0',
      subtotal: rub('0'),
      discount: rub('0'),
      net: rub('0'),
      vat: rub('0'),
      total: rub('0'),
      subtotal_text: zero,
      discount_text: zero,
      net_text: zero,
      vat_text: zero,
      total_text: zero,
      vat_label: text('Без НДС', 'No VAT'),
    },
    warnings: [],
  };
  return { current: view, default_rate: '2500', editable: true, versions: [view], refused };
}

export function estimateItem(key: number, title: string, hours: string, rate = '2500'): EstimateItem {
  return { id: key, key, title, requirement: '', hours: { kind: 'single', hours }, rate };
}
