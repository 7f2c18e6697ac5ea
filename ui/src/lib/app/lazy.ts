// A page's module loaded the first time it is asked for and kept: every later call
// answers the same promise, so showing the page again loads nothing.
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}
