// What other concepts may use of the forecast.
export { saveTarget } from './forecast.repo.ts';
export { getForecast } from './forecast.service.ts';
export {
  setSnapshotCloseDates,
  snapshotDays,
  sumSnapshotByOwner,
  takeReplayedSnapshot,
  takeSnapshot,
} from './snapshots.repo.ts';
export { BACKTEST_HEADER, dealsForBacktest } from './backtest.repo.ts';
export { replayPastSnapshots } from './replay.service.ts';
