// The Markdown subset of specification texts, parsed into blocks the preview draws
// with plain elements (never as HTML, so nothing typed can run as code): paragraphs,
// "- " bullet lists, "1. " numbered lists, "| a | b |" tables, **bold** and *italic*.
export type Inline = { text: string; bold: boolean; italic: boolean };
export type Block =
  | { kind: 'para'; inline: Inline[] }
  | { kind: 'bullets'; items: Inline[][] }
  | { kind: 'numbered'; items: Inline[][] }
  | { kind: 'table'; rows: string[][] };

export function inline(text: string): Inline[] {
  const out: Inline[] = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), bold: false, italic: false });
    const bold = m[0].startsWith('**');
    out.push({ text: m[0].slice(bold ? 2 : 1, bold ? -2 : -1), bold, italic: !bold });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), bold: false, italic: false });
  return out;
}

export function parse(body: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of body.split(/\n\s*\n/)) {
    const lines = raw
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    if (lines.length === 0) continue;
    if (lines.every((l) => /^[-*] /.test(l))) {
      blocks.push({ kind: 'bullets', items: lines.map((l) => inline(l.slice(2))) });
    } else if (lines.every((l) => /^\d+\. /.test(l))) {
      blocks.push({ kind: 'numbered', items: lines.map((l) => inline(l.replace(/^\d+\. /, ''))) });
    } else if (lines.every((l) => l.startsWith('|'))) {
      const rows = lines
        .filter((l) => !/^\|[\s:|-]+\|$/.test(l))
        .map((l) =>
          l
            .replace(/^\||\|$/g, '')
            .split('|')
            .map((c) => c.trim()),
        );
      blocks.push({ kind: 'table', rows });
    } else {
      blocks.push({ kind: 'para', inline: inline(lines.join(' ')) });
    }
  }
  return blocks;
}
