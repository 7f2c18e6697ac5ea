// A textarea that grows with its text, so a long question or answer is read whole
// instead of being cut at the edge of a one-line field. Pass the bound value so the
// height follows changes made by code too; a change of width (a wider window, a tab
// shown) fits it again.
export function grow(node: HTMLTextAreaElement, _value?: string) {
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + node.offsetHeight - node.clientHeight}px`;
  };
  let width = 0;
  // (Absent where there is no layout, as in unit tests.)
  const resized =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          if (node.clientWidth !== width) {
            width = node.clientWidth;
            fit();
          }
        });
  resized?.observe(node);
  // The value is set after the action starts: fit once it is laid out.
  requestAnimationFrame(fit);
  node.addEventListener('input', fit);
  return {
    update: () => fit(),
    destroy: () => {
      resized?.disconnect();
      node.removeEventListener('input', fit);
    },
  };
}
