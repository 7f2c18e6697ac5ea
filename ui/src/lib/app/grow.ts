// A textarea that grows with its text, so a long question or answer is read whole
// instead of being cut at the edge of a one-line field. Pass the bound value so the
// height follows changes made by code too.
export function grow(node: HTMLTextAreaElement, _value?: string) {
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + 2}px`;
  };
  fit();
  node.addEventListener('input', fit);
  return {
    update: () => fit(),
    destroy: () => node.removeEventListener('input', fit),
  };
}
