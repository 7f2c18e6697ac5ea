// AA contrast of the two colour sets in app.css, computed by the WCAG 2.1 formula
// from the tokens themselves: a colour changed in one theme that makes text hard to
// read fails here.
import { describe, expect, it } from 'vitest';
import css from '../../app.css?raw';

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

const light = tokens(':root');
const dark = { ...light, ...tokens(":root[data-theme='dark']") };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// [foreground, background]: text that must be read (4.5:1).
const text: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'surface-2'],
  ['text', 'field'],
  ['text', 'selected'],
  ['text', 'ins-bg'],
  ['text', 'del-bg'],
  ['text', 'mark'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'surface-2'],
  ['accent', 'surface'],
  ['accent', 'bg'],
  ['on-accent', 'accent'],
  ['on-current', 'current'],
  ['danger', 'surface'],
  ['danger', 'danger-bg'],
  ['surface', 'danger'],
  ['warn-text', 'surface'],
  ['warn-text', 'warn-bg'],
  ['ok', 'surface'],
  ['header-text', 'header-bg'],
  ['paper-text', 'paper'],
];
// The focus ring against what it surrounds (3:1 for non-text).
const ring: [string, string][] = [
  ['focus', 'surface'],
  ['focus', 'bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_, t) => {
  it.each(text)('%s on %s reads at AA (4.5:1)', (fg, bg) => {
    expect(t[fg], fg).toBeDefined();
    expect(t[bg], bg).toBeDefined();
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(4.5);
  });
  it.each(ring)('the %s ring stands out on %s (3:1)', (fg, bg) => {
    expect(contrast(t[fg], t[bg])).toBeGreaterThanOrEqual(3);
  });
});

describe('documents', () => {
  it('stay on white paper in the dark theme', () => {
    expect(dark.paper).toBe('#ffffff');
    expect(dark.bg).not.toBe('#ffffff');
  });
});

// Every component's own styles take their colours from the tokens above, so both themes
// reach them: a colour written into a component (a light background, `color: initial`,
// which is black) stays the same in the dark theme and leaves text unreadable there.
// Allowed: a token's fallback `var(--x, #…)`, the header's own focus ring (on the dark
// bar in both themes), and the ТЗ preview's paper.
const components = import.meta.glob('../../**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('components', () => {
  it('take every colour from the theme', () => {
    const fixed: string[] = [];
    for (const [file, source] of Object.entries(components)) {
      const style = source.match(/<style[^>]*>([\s\S]*?)<\/style>/)?.[1] ?? '';
      for (const [i, line] of style.split('\n').entries()) {
        const bare = line.replace(/var\(--[\w-]+,\s*[^)]*\)/g, '');
        if (/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|:\s*(initial|black|white)\s*;/i.test(bare) && !/--focus:/.test(line)) {
          fixed.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      }
    }
    expect(Object.keys(components).length).toBeGreaterThan(20);
    expect(fixed).toEqual([]);
  });
});
