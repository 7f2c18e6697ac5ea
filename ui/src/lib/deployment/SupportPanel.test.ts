import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SupportPanel from './SupportPanel.svelte';
import { page } from '../ipc/fixtures';
import type { ProjectPage, SupportHandover } from '../ipc';

const closing: ProjectPage = {
  ...page,
  map: {
    ...page.map,
    options: [
      {
        kind: 'close',
        label: { ru: 'Закрыть проект', en: 'Close the project' },
        target: 'closed',
        loop_kind: null,
        needs_comment: false,
        blocked: {
          code: 'final_act_missing',
          message: {
            ru: 'Выпустите итоговый акт сдачи-приёмки по проекту — после него проект закрывается.',
            en: 'Issue the final акт.',
          },
        },
      },
    ],
  },
};

afterEach(() => clearMocks());

/** A core that stores the handover like storage does: a warranty ending on or before
 *  the handover refuses the whole save with the domain's message. */
function core() {
  const db: { h: SupportHandover | null } = { h: null };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === 'support_handover') return db.h;
    if (cmd === 'save_support_handover') {
      const h = a.handover as SupportHandover;
      if (h.handed_over_on && h.warranty_until && h.warranty_until <= h.handed_over_on)
        throw {
          code: 'warranty_dates',
          message: `Гарантия должна заканчиваться после передачи в поддержку (${h.handed_over_on}), а указано ${h.warranty_until}.`,
        };
      db.h = { ...structuredClone(h), documents: h.documents.filter((d) => d.trim()) };
      return db.h;
    }
    return null;
  });
  return db;
}

async function type(id: string, value: string, i = 0) {
  await fireEvent.input(screen.getAllByTestId(id)[i], { target: { value } });
}

describe('SupportPanel (3.3)', () => {
  it('keeps a warranty ending before the handover beside its field and stores the rest', async () => {
    const db = core();
    render(SupportPanel, { projectId: 1, page: closing, onchange: () => {} });
    await screen.findByTestId('support-form');
    await type('support-name', 'Служба поддержки ООО «Ромашка»');
    await type('support-contact', 'support@romashka.ru');
    await type('support-documents', 'Руководство администратора\nИнструкция пользователя');
    await type('support-handed-over-on', '15.01.2027');
    await type('support-warranty-until', '10.01.2027');
    await fireEvent.focusOut(screen.getByTestId('support-warranty-until'));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'partial'));
    expect(screen.getByTestId('support-warranty-until-error')).toHaveTextContent('Гарантия должна заканчиваться после передачи');
    expect(screen.queryByTestId('support-handed-over-on-error')).toBeNull();
    expect(screen.getByTestId('support-warranty-until')).toHaveValue('10.01.2027');
    expect(db.h).toMatchObject({
      team: [{ name: 'Служба поддержки ООО «Ромашка»', contact: 'support@romashka.ru' }],
      documents: ['Руководство администратора', 'Инструкция пользователя'],
      handed_over_on: '2027-01-15',
      warranty_until: '',
    });

    await type('support-warranty-until', '15.01.2028');
    await fireEvent.focusOut(screen.getByTestId('support-warranty-until'));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveAttribute('data-status', 'saved'));
    expect(screen.queryByTestId('support-warranty-until-error')).toBeNull();
    expect(db.h?.warranty_until).toBe('2028-01-15');
    // What closing still needs is the core's guard, in its words.
    expect(screen.getByTestId('close-blocked')).toHaveTextContent('Выпустите итоговый акт');
  });
});
