import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PagesView from './PagesView.svelte';
import type { PageDisplay, PagesView as View, SpecContent } from '../ipc';

afterEach(() => clearMocks());

// jsdom lays nothing out: every observed page counts as on screen.
beforeAll(() => {
  class Everything {
    constructor(private callback: IntersectionObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target, isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
    }
    disconnect() {}
    unobserve() {}
  }
  globalThis.IntersectionObserver = Everything as unknown as typeof IntersectionObserver;
});

const content = (body: string): SpecContent => ({
  lang: 'ru',
  sections: [{ key: 1, title: 'Общие положения', required: true, body, requirements: [], children: [] }],
});

function page(number: number, text: string): PageDisplay {
  return {
    number,
    fills: [{ x: 70, y: 100, w: 100, h: 14, gray: 0.92 }],
    images: [],
    rules: [{ x1: 70, y1: 100, x2: 170, y2: 100, width: 0.5, gray: 0 }],
    texts: [
      { x: 70.87, y: 120.5, face: 'serif', size: 11, gray: 0, text, width: 123.45 },
      { x: 400, y: 800, face: 'sans_bold', size: 8.5, gray: 0.35, text: `Страница ${number} из 3`, width: 60 },
    ],
  };
}

function view(focus: number, pages: PageDisplay[]): View {
  return { width: 595.28, height: 841.89, count: 3, focus, sections: [{ key: 1, page: 3 }], pages };
}

const props = (body: string, offset = 0) => ({
  versionId: 7,
  content: content(body),
  focus: { section: 1, offset },
  changesSince: null,
  emptySections: 'not_specified' as const,
});

describe('PagesView', () => {
  it('draws every run the core laid out, pinned to its measured width, the page under the cursor marked', async () => {
    const asked: Array<Record<string, unknown>> = [];
    mockIPC((cmd, args) => {
      if (cmd !== 'spec_pages') return null;
      asked.push(args as Record<string, unknown>);
      return view(2, [page(2, 'Система <b>должна</b>'), page(1, 'Титульный лист')]);
    });
    render(PagesView, props('Система должна', 14));
    const run = await screen.findByText('Система <b>должна</b>');
    // Text stays text, never markup; the run ends where the engine measured it.
    expect(run.tagName.toLowerCase()).toBe('text');
    expect(run.getAttribute('textLength')).toBe('123.45');
    expect(run.getAttribute('lengthAdjust')).toBe('spacingAndGlyphs');
    expect(run.getAttribute('font-family')).toContain('PT Serif');
    expect(screen.getByText('Страница 2 из 3').getAttribute('font-weight')).toBe('700');
    // All three pages hold their place; the third is not drawn until asked for.
    const figures = screen.getAllByTestId('page');
    expect(figures).toHaveLength(3);
    expect(figures[1].classList.contains('focus')).toBe(true);
    expect(figures[1]).toHaveAttribute('aria-label', 'Страница 2 из 3');
    expect(asked[0]).toMatchObject({
      versionId: 7,
      content: content('Система должна'),
      focus: { section: 1, offset: 14 },
      changesSince: null,
      emptySections: 'not_specified',
    });
    // The page scrolled into view that was not drawn is asked for, without the cursor.
    await waitFor(() => expect(asked.some((a) => (a.pages as number[]).includes(3) && a.focus === null)).toBe(true));
  });

  it('never lets an older answer overwrite the pages of newer text', async () => {
    const answers: Array<(v: View) => void> = [];
    mockIPC((cmd) => {
      if (cmd !== 'spec_pages') return null;
      return new Promise<View>((resolve) => answers.push(resolve));
    });
    const { rerender } = render(PagesView, props('старый текст'));
    await waitFor(() => expect(answers).toHaveLength(1));
    await rerender(props('новый текст'));
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1](view(1, [page(1, 'новый текст')]));
    await screen.findByText('новый текст');
    answers[0](view(1, [page(1, 'старый текст')]));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('старый текст')).toBeNull();
    expect(screen.getByText('новый текст')).toBeInTheDocument();
  });

  it('says it is updating only when an answer takes longer than 200 ms', async () => {
    let finish: (v: View) => void = () => {};
    mockIPC((cmd) => (cmd === 'spec_pages' ? new Promise<View>((resolve) => (finish = resolve)) : null));
    render(PagesView, props('текст'));
    await screen.findByText('Страницы обновляются…', undefined, { timeout: 2000 });
    finish(view(1, [page(1, 'текст')]));
    await screen.findByText('Страниц: 3');
    expect(screen.queryByText('Страницы обновляются…')).toBeNull();
  });
});
