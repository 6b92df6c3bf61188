// What other concepts may use of the forecast.
export { takeSnapshot } from './snapshots.repo.ts';
