import { Worker } from 'node:worker_threads';
import type { WinModel } from '../../domain/assessment/model.ts';
import type { TrainingExample, TrainingOptions } from '../../domain/assessment/training.ts';

/**
 * trainWinModel in a worker thread, so the server keeps answering while a model is fitted. The
 * worker is TypeScript like the rest, started through a small JavaScript door that registers tsx,
 * so it runs the same under the CLI, `node --import tsx` and vitest.
 */
export function fitOffThread(
  examples: readonly TrainingExample[],
  prior: WinModel,
  options: TrainingOptions,
): Promise<WinModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit.worker.mjs', import.meta.url), {
      workerData: { examples, prior, options },
    });
    let fitted: WinModel | undefined;
    worker.once('message', (model: WinModel) => (fitted = model));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      fitted ? resolve(fitted) : reject(new Error(`the model fit stopped (exit code ${code}) before giving a model`)),
    );
  });
}
