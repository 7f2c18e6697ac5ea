// Whether a typed figure can be sent to the core: digits with spaces, one comma or
// dot. The core parses it (exactly, in decimal); this only keeps an obviously
// mistyped value in the field instead of sending it.
export function looksLikeNumber(text: string): boolean {
  return /^\s*-?[\d\s\u00a0]*([.,]\d*)?\s*$/.test(text) && /\d/.test(text);
}
