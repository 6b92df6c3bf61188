import { LEARNING_TYPE_LABELS, LEARNING_TYPES } from '../../../domain/coaching/root-cause-guide.ts';
import { ROOT_CAUSES, type RootCauseId } from '../../../domain/coaching/root-causes.ts';

const NAMES = new Map<string, string>(ROOT_CAUSES.map((c) => [c.id, c.name]));

export const rootCauseName = (id: RootCauseId): string => NAMES.get(id) ?? id;

export const TYPE_OPTIONS = LEARNING_TYPES.map((t) => ({ value: t, label: LEARNING_TYPE_LABELS[t] }));

const LEVEL_GROUPS = {
  behaviour: 'Selling behaviours',
  skill_knowledge: 'Skill and knowledge',
  capacity_commitment: 'Capacity and commitment',
} as const;

/** Root causes for a picker, grouped by level of the pyramid. */
export const ROOT_CAUSE_OPTIONS = (Object.keys(LEVEL_GROUPS) as Array<keyof typeof LEVEL_GROUPS>).map((level) => ({
  group: LEVEL_GROUPS[level],
  items: ROOT_CAUSES.filter((c) => c.level === level).map((c) => ({ value: c.id, label: `${c.id} · ${c.name}` })),
}));

export const formatMinutes = (minutes: number): string => {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
};
