import { parentPort, workerData } from 'node:worker_threads';
import { trainWithCurve } from '../../domain/assessment/curve.ts';
import type { TrainingExample, TrainingOptions } from '../../domain/assessment/training.ts';
import type { WinModel } from '../../domain/assessment/model.ts';

// The model fit of a refit, in its own thread: seconds of arithmetic that would otherwise hold up
// every request the process serves. Data in, model out, nothing else.
const { examples, prior, options } = workerData as {
  examples: TrainingExample[];
  prior: WinModel;
  options: TrainingOptions;
};
parentPort!.postMessage(trainWithCurve(examples, prior, options));
