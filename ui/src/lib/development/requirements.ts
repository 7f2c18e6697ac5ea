// A requirement named by its ID, as the stage screens show it beside the ID: its text
// cut to a line (the approved ТЗ's requirements come from the core, in reading order).
import type { Requirement } from '../ipc';

/** The first `max` characters of requirement `id`'s text ('' when it is unknown). */
export function requirementText(reqs: Requirement[], id: string, max = 120): string {
  const text = reqs.find((r) => r.id === id)?.text ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
