import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import RegisterNotice from './RegisterNotice.svelte';
import { i18n } from '../i18n/i18n.svelte';
import { reportFirstDraw } from './startup';

afterEach(() => clearMocks());

describe('RegisterNotice', () => {
  // The first test of the file: the window's first page is not drawn yet.
  it('reads the documents only once the first page is drawn', async () => {
    let asked = false;
    mockIPC((cmd) => {
      if (cmd === 'register_check') asked = true;
      return [];
    });
    render(RegisterNotice);
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toBe(false);
    reportFirstDraw('dashboard');
    await waitFor(() => expect(asked).toBe(true));
  });

  it('shows what the check at start found, in the interface language, until dismissed', async () => {
    mockIPC((cmd) =>
      cmd === 'register_check'
        ? [
            {
              problem: 'unregistered',
              number: null,
              path: '/data/documents/ТЗ-1-3.pdf',
              message: {
                ru: 'Файл /data/documents/ТЗ-1-3.pdf лежит в папке документов, но в реестре его нет.',
                en: 'The file /data/documents/ТЗ-1-3.pdf is in the documents folder but not in the register.',
              },
            },
            {
              problem: 'missing',
              number: 'ТЗ-1-2',
              path: '/data/documents/ТЗ-1-2.pdf',
              message: { ru: 'Файла документа ТЗ-1-2 нет на месте.', en: 'The file of document ТЗ-1-2 is gone.' },
            },
          ]
        : null,
    );
    i18n.lang = 'en';
    render(RegisterNotice);
    const notice = await screen.findByTestId('register-notice');
    expect(notice).toHaveTextContent('The document register and the documents folder disagree');
    expect(notice).toHaveTextContent('ТЗ-1-3.pdf is in the documents folder but not in the register');
    expect(notice).toHaveTextContent('The file of document ТЗ-1-2 is gone.');
    i18n.lang = 'ru';
    expect(await screen.findByText('Файла документа ТЗ-1-2 нет на месте.')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('register-notice-dismiss'));
    expect(screen.queryByTestId('register-notice')).toBeNull();
  });

  it('says nothing when the register and the folder agree', async () => {
    let asked = false;
    mockIPC((cmd) => {
      if (cmd === 'register_check') asked = true;
      return [];
    });
    render(RegisterNotice);
    await waitFor(() => expect(asked).toBe(true));
    expect(screen.queryByTestId('register-notice')).toBeNull();
  });
});
