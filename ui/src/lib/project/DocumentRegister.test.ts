import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DocumentRegister from './DocumentRegister.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { IssuedDocument, Receivables } from '../ipc';

afterEach(() => clearMocks());

const rub = (amount: string) => ({ amount, currency: 'RUB' as const });
const text = (ru: string) => ({ ru, en: ru });

const invoice: IssuedDocument = {
  id: 5,
  project_id: 2,
  kind: 'invoice',
  number: 'С-2026-001',
  issued_at: '2026-12-01T10:00:00Z',
  lang: 'ru',
  version: 1,
  sha256: 'a'.repeat(64),
  path: '/docs/С-2026-001.pdf',
  draft: false,
  label: { ru: 'Счёт на оплату', en: 'Invoice' },
  made_from: { ru: 'этап 1', en: 'stage 1' },
};

function receivables(paid: string): Receivables {
  return {
    accepted: rub('30000'),
    invoiced: rub('30000'),
    paid: rub(paid),
    accepted_text: text('30 000,00 ₽'),
    invoiced_text: text('30 000,00 ₽'),
    paid_text: text(`${paid} ₽`),
    invoices: [
      {
        document_id: 5,
        total: rub('30000'),
        paid: rub(paid),
        total_text: text('30 000,00 ₽'),
        paid_text: text(`${paid} ₽`),
        payments: [],
        // The core says when a счёт is paid in full; the register only reads it.
        settled: paid === '30000',
      },
    ],
    accepted_stages: 2,
    final_act_allowed: false,
  };
}

describe('DocumentRegister', () => {
  it('shows the amounts, the paid part of a счёт, and records a payment the core adds up', async () => {
    const asked: unknown[] = [];
    let paid = '10000';
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      if (cmd === 'issued_documents') return [invoice];
      if (cmd === 'receivables') return receivables(paid);
      if (cmd === 'record_payment') {
        paid = '30000';
        return receivables(paid);
      }
      if (cmd === 'export_act') return { ...invoice, id: 6, kind: 'act', number: 'А-2026-001' };
      throw new Error(cmd);
    });
    i18n.lang = 'ru';
    let issued = 0;
    render(DocumentRegister, { projectId: 2, revision: 0, onissued: () => (issued += 1) });
    expect(await screen.findByTestId('amount-paid')).toHaveTextContent('10000 ₽');
    expect(screen.getByTestId('amount-accepted')).toHaveTextContent('30 000,00 ₽');
    expect(screen.getByTestId('invoice-paid')).toHaveTextContent('оплачено 10000 ₽ из 30 000,00 ₽');
    // Accepted stages 1 and 2 each get their акт and счёт; no final акт before 3.3.
    expect(screen.getByTestId('export-act-2')).toHaveTextContent('Акт этапа 2');
    expect(screen.getByTestId('export-invoice-1')).toHaveTextContent('Счёт этапа 1');
    expect(screen.queryByTestId('export-final-act')).toBeNull();

    const row = screen.getByTestId('invoice-payments');
    await fireEvent.input(within(row).getByTestId('pay-date'), { target: { value: '20.12.2026' } });
    await fireEvent.input(within(row).getByTestId('pay-amount'), { target: { value: '20 000' } });
    await fireEvent.click(within(row).getByTestId('pay-record'));
    expect(await screen.findByTestId('pay-recorded')).toBeInTheDocument();
    expect(asked).toContainEqual(['record_payment', { documentId: 5, paidOn: '2026-12-20', amount: '20 000' }]);
    expect(screen.getByTestId('amount-paid')).toHaveTextContent('30000 ₽');
    // Paid in full: no form left to overpay with.
    expect(screen.queryByTestId('pay-record')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-act-1'));
    expect(asked).toContainEqual(['export_act', { projectId: 2, stage: 1 }]);
    // The project page re-reads what may happen next (the final акт unblocks Close).
    await waitFor(() => expect(issued).toBe(1));
  });

  it('names each document as the core labels it: the final акт, and a stage\'s акт with its stage', async () => {
    const finalAct: IssuedDocument = {
      ...invoice,
      id: 9,
      kind: 'act',
      number: 'А-2026-003',
      version: null,
      label: { ru: 'Итоговый акт', en: 'Final acceptance certificate' },
      made_from: null,
    };
    const stageAct: IssuedDocument = {
      ...invoice,
      id: 7,
      kind: 'act',
      number: 'А-2026-002',
      version: 2,
      label: { ru: 'Акт сдачи-приёмки', en: 'Acceptance certificate' },
      made_from: { ru: 'этап 2', en: 'stage 2' },
    };
    mockIPC((cmd) => {
      if (cmd === 'issued_documents') return [finalAct, stageAct];
      if (cmd === 'receivables') return receivables('0');
      throw new Error(cmd);
    });
    i18n.lang = 'en';
    render(DocumentRegister, { projectId: 2, revision: 0, onissued: () => {} });
    await waitFor(() => expect(screen.getAllByTestId('register-label')).toHaveLength(2));
    expect(screen.getAllByTestId('register-label').map((e) => e.textContent)).toEqual([
      'Final acceptance certificate',
      'Acceptance certificate',
    ]);
    expect(screen.getAllByTestId('register-from').map((e) => e.textContent)).toEqual(['—', 'stage 2']);
  });
});

describe('an issued document on the desktop', () => {
  function serve(refuse = false) {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'issued_documents') return [invoice];
      if (cmd === 'receivables') return receivables('0');
      if (cmd === 'open_document' || cmd === 'reveal_document') {
        calls.push([cmd, args]);
        if (refuse)
          throw { code: 'document_changed', message: 'Файл документа С-2026-001 изменён или удалён' };
        return null;
      }
      return null;
    });
    return calls;
  }

  it('«Открыть» and «Показать в папке» ask the core for that document', async () => {
    i18n.lang = 'ru';
    const calls = serve();
    render(DocumentRegister, { projectId: 2, revision: 0 });
    await fireEvent.click(await screen.findByRole('button', { name: 'Открыть С-2026-001 в программе просмотра PDF' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Показать С-2026-001 в папке' }));
    await waitFor(() =>
      expect(calls).toEqual([
        ['open_document', { id: 5 }],
        ['reveal_document', { id: 5 }],
      ]),
    );
  });

  it('says so in words when the file is no longer the one issued', async () => {
    i18n.lang = 'ru';
    serve(true);
    render(DocumentRegister, { projectId: 2, revision: 0 });
    await fireEvent.click(await screen.findByTestId('doc-open'));
    expect(await screen.findByText(/изменён или удалён/)).toBeInTheDocument();
  });

  it('names the buttons in English too', async () => {
    i18n.lang = 'en';
    serve();
    render(DocumentRegister, { projectId: 2, revision: 0 });
    expect(await screen.findByRole('button', { name: 'Show С-2026-001 in its folder' })).toHaveTextContent('Show in folder');
  });
});
