import type { Stage } from '../contract/stages.ts';
import type { Caller } from './test-app.ts';

/** The organization's stages, in order, as `caller` sees them. */
export async function listStages(caller: Caller): Promise<Stage[]> {
  return (await caller.get('/api/stages')).json<{ items: Stage[] }>().items;
}
