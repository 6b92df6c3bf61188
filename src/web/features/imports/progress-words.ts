import type { ImportView } from '../../../contract/imports.ts';

/** A running import's heading and what its bar counts, by phase: its rows, then the work once they are in. */
export function runningWords(view: ImportView): { title: string; counted: string; percent: number } {
  // a run another server of the organization holds: the rows its record says
  const phase = view.phase ?? {
    name: view.status === 'checking' ? 'checking' : 'writing',
    done: view.rowsDone,
    total: view.rowsTotal,
  };
  const percent = phase.total ? Math.min(100, (phase.done / phase.total) * 100) : 5;
  const of = phase.total ? ` of ${phase.total.toLocaleString()}` : '';
  switch (phase.name) {
    case 'checking':
      return { title: 'Checking every row…', counted: `${phase.done.toLocaleString()} rows read`, percent };
    case 'writing':
      return { title: 'Importing…', counted: `${phase.done.toLocaleString()} rows${of} written`, percent };
    case 'assessing':
      return {
        title: `The ${view.rowsDone.toLocaleString()} rows are in; assessing the open deals…`,
        counted: `${phase.done.toLocaleString()}${of} open deals assessed`,
        percent,
      };
    case 'replaying':
      return {
        title: `The ${view.rowsDone.toLocaleString()} rows are in; replaying the forecast's past from their history…`,
        counted: `${phase.done.toLocaleString()}${of} past days replayed`,
        percent,
      };
  }
}
