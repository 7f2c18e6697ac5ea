// Moving the focus to what a command opened, so the keyboard user carries on there.

/** Scrolls `target` into view and focuses it (a section needs `tabindex="-1"`). */
export function jumpTo(target: HTMLElement | null) {
  if (!target) return;
  target.scrollIntoView?.({ block: 'start' });
  // Moved by a command, not a click: show where the focus went.
  target.focus({ preventScroll: true, focusVisible: true });
}
