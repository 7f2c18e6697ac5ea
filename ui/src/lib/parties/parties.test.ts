import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ClientPage from './ClientPage.svelte';
import ProviderPage from './ProviderPage.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { ClientCard, ProviderCard, ProviderDraft, Requisites } from '../ipc';

afterEach(() => clearMocks());

const requisites = (): Requisites => ({
  legal_name: '',
  short_name: '',
  inn: '',
  kpp: '',
  ogrn: '',
  address: '',
  bank_name: '',
  bik: '',
  account: '',
  corr_account: '',
  signatory_name: '',
  signatory_position: '',
  email: '',
  phone: '',
});

describe('ClientPage', () => {
  // Issue 9: an emptied name held back the requisites typed beside it, while the
  // window said «Сохранено».
  it('an emptied name does not hold back the requisites, and the status says so', async () => {
    const db: ClientCard = {
      client: { id: 3, name: 'ООО «Ромашка»', created_at: '2026-11-30T10:00:00Z' },
      requisites: requisites(),
      warnings: [],
      refused: [],
    };
    mockIPC((cmd, args) => {
      if (cmd === 'client_card') return structuredClone(db);
      if (cmd === 'save_client') {
        const a = args as { name: string; requisites: Requisites };
        db.requisites = a.requisites;
        if (!a.name.trim())
          return { ...structuredClone(db), refused: [{ row: null, field: 'name', message: { ru: 'Заполните поле «Название клиента»', en: 'Fill in the client name' } }] };
        db.client.name = a.name;
        return structuredClone(db);
      }
      return null;
    });
    i18n.lang = 'ru';
    render(ClientPage, { id: 3, back: () => {} });
    const name = await screen.findByTestId('client-card-name');
    await fireEvent.input(name, { target: { value: '' } });
    const inn = screen.getByTestId('req-inn');
    await fireEvent.input(inn, { target: { value: '7707083893' } });
    await fireEvent.focusOut(inn);
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Сохранено, кроме 1 поля с ошибкой'));
    expect(db.requisites.inn).toBe('7707083893');
    expect((name as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('client-name-error')).toHaveTextContent('Заполните поле');
  });
});

describe('ProviderPage', () => {
  // Issue 9: a mistyped rate held back the requisites, while the window said saved.
  it('a mistyped rate does not hold back the requisites, and the status says so', async () => {
    const saves: ProviderDraft[] = [];
    const card = (refused: ProviderCard['refused'] = []): ProviderCard => ({
      profile: {
        requisites: saves.at(-1)?.requisites ?? requisites(),
        vat: { kind: 'exempt', reason: '' },
        currency: 'RUB',
        hourly_rate: '2750',
        logo_mime: '',
      },
      warnings: [],
      refused,
    });
    mockIPC((cmd, args) => {
      if (cmd === 'provider') return card();
      if (cmd === 'save_provider') {
        const d = (args as { profile: ProviderDraft }).profile;
        saves.push(structuredClone(d));
        return card(
          /^[\d\s]*([.,]\d*)?$/.test(d.hourly_rate)
            ? []
            : [{ row: null, field: 'hourly_rate', message: { ru: '«Ставка в час»: не число', en: '“Hourly rate”: not a number' } }],
        );
      }
      return null;
    });
    i18n.lang = 'en';
    render(ProviderPage, { back: () => {} });
    const rate = await screen.findByTestId('provider-rate');
    await fireEvent.input(rate, { target: { value: '2,7k' } });
    const inn = screen.getByTestId('req-inn');
    await fireEvent.input(inn, { target: { value: '7707083893' } });
    await fireEvent.focusOut(inn);
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0].requisites.inn).toBe('7707083893');
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('Saved except 1 field with an error'));
    expect(rate).toHaveValue('2,7k');
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('provider-refused')).toHaveTextContent('not a number');
  });
});
