import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ArchiveImport from './ArchiveImport.svelte';
import ArchiveExport from './ArchiveExport.svelte';
import { i18n } from '../i18n/i18n.svelte';

afterEach(() => clearMocks());

describe('Project archive', () => {
  it('imports the file the open dialog chose and lists what came in', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'plugin:dialog|open') return '/home/anna/etap-all.zip';
      if (cmd === 'import_archive')
        return {
          projects: [{ id: 7, title: 'Портал' }],
          clients_matched: ['ООО «Ромашка»'],
          documents: 3,
          demo_left_out: ['CRM для отдела продаж'],
        };
      return null;
    });
    i18n.lang = 'en';
    let reloaded = 0;
    render(ArchiveImport, { onimported: () => reloaded++ });
    await fireEvent.click(screen.getByTestId('import-archive'));
    const box = await screen.findByTestId('imported');
    expect(box).toHaveTextContent('Imported 1 projects, 3 documents added to the register.');
    expect(box).toHaveTextContent('Портал');
    expect(box).toHaveTextContent('Client “ООО «Ромашка»” was already here (same INN)');
    expect(box).toHaveTextContent('Demo project “CRM для отдела продаж” left out: this database has its own demo.');
    expect(calls.find(([c]) => c === 'import_archive')?.[1]).toEqual({ src: '/home/anna/etap-all.zip' });
    expect(reloaded).toBe(1);
  });

  it('shows the core’s refusal of a damaged archive and says nothing was imported', async () => {
    mockIPC((cmd) => {
      if (cmd === 'plugin:dialog|open') return '/tmp/bad.zip';
      if (cmd === 'import_archive')
        throw { code: 'archive_hash_mismatch', message: 'The file “documents/1.pdf” was changed or damaged.' };
      return null;
    });
    i18n.lang = 'en';
    render(ArchiveImport);
    await fireEvent.click(screen.getByTestId('import-archive'));
    expect(await screen.findByText(/documents\/1\.pdf/)).toBeInTheDocument();
    expect(screen.queryByTestId('imported')).toBeNull();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return null;
    });
    render(ArchiveImport);
    await fireEvent.click(screen.getByTestId('import-archive'));
    await Promise.resolve();
    expect(calls).not.toContain('import_archive');
  });

  it('exports the project to where Save as… pointed and says what it wrote', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === 'plugin:dialog|save') return '/home/anna/portal.zip';
      if (cmd === 'export_archive') return { projects: 1, documents: 4, bytes: 1000 };
      return null;
    });
    i18n.lang = 'ru';
    render(ArchiveExport, { projectId: 5 });
    await fireEvent.click(screen.getByTestId('export-archive'));
    expect(await screen.findByTestId('archive-written')).toHaveTextContent(
      'Архив записан: /home/anna/portal.zip (проектов: 1, документов: 4).',
    );
    expect(calls.find(([c]) => c === 'export_archive')?.[1]).toEqual({ projectId: 5, dest: '/home/anna/portal.zip' });
  });
});
