import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import RequestPanel from './RequestPanel.svelte';
import { i18n } from '../i18n/i18n.svelte';
import type { Request } from '../ipc';

afterEach(() => clearMocks());

describe('RequestPanel', () => {
  // Issue 9: the status said «Сохранено» when a save ended although text typed while
  // it ran was not stored yet.
  it('does not say saved while text typed during a save is not stored', async () => {
    const saved: string[] = [];
    const held: (() => void)[] = [];
    const request: Request = {
      title: 'Кабинет',
      description: '',
      source: 'mail',
      received_on: '',
      desired_deadline: '',
      attachments: [],
    };
    mockIPC(async (cmd, args) => {
      if (cmd === 'request') return { request, warnings: [] };
      if (cmd === 'save_request') {
        const r = (args as { request: Request }).request;
        await new Promise<void>((done) => held.push(done));
        saved.push(r.title);
        return { request: r, warnings: [] };
      }
      return null;
    });
    i18n.lang = 'ru';
    render(RequestPanel, { projectId: 1 });
    const title = await screen.findByTestId('request-title');
    await fireEvent.input(title, { target: { value: 'Кабинет дилера' } });
    await fireEvent.focusOut(title);
    await waitFor(() => expect(held).toHaveLength(1));
    await fireEvent.input(title, { target: { value: 'Кабинет дилера и склад' } });
    held[0]();
    await waitFor(() => expect(saved).toEqual(['Кабинет дилера']));
    const status = screen.getByTestId('save-status');
    expect(status).not.toHaveTextContent('Сохранено');
    await fireEvent.focusOut(title);
    await waitFor(() => expect(held).toHaveLength(2));
    held[1]();
    await waitFor(() => expect(status).toHaveTextContent('Сохранено'));
    expect(saved).toEqual(['Кабинет дилера', 'Кабинет дилера и склад']);
  });

  // Issue 9: date fields followed the system locale (MM/DD/YYYY on C.UTF-8).
  it('shows and reads dates in the interface language, whatever the system locale', async () => {
    const sent: Request[] = [];
    const request: Request = {
      title: 'Кабинет',
      description: '',
      source: 'mail',
      received_on: '2027-05-31',
      desired_deadline: '',
      attachments: [],
    };
    mockIPC((cmd, args) => {
      if (cmd === 'request') return { request, warnings: [] };
      if (cmd === 'save_request') {
        sent.push((args as { request: Request }).request);
        return { request: sent.at(-1), warnings: [] };
      }
      return null;
    });
    i18n.lang = 'ru';
    render(RequestPanel, { projectId: 1 });
    const received = await screen.findByTestId('request-received');
    expect(received).toHaveValue('31.05.2027');
    expect(screen.getByTestId('request-deadline')).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ');
    const deadline = screen.getByTestId('request-deadline');
    await fireEvent.input(deadline, { target: { value: '1.6.2027' } });
    await fireEvent.blur(deadline);
    await fireEvent.focusOut(deadline);
    await waitFor(() => expect(sent.at(-1)?.desired_deadline).toBe('2027-06-01'));
    expect(deadline).toHaveValue('01.06.2027');
    i18n.lang = 'en';
    await waitFor(() => expect(received).toHaveValue('31/05/2027'));
    // What is not a date is kept as typed; the core warns about it.
    await fireEvent.input(deadline, { target: { value: 'к пятнице' } });
    await fireEvent.focusOut(deadline);
    await waitFor(() => expect(sent.at(-1)?.desired_deadline).toBe('к пятнице'));
    expect(deadline).toHaveAttribute('aria-invalid', 'true');
    i18n.lang = 'ru';
  });
});
