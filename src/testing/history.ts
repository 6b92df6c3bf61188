import type { Caller } from './test-app.ts';

/** The actions (create, update, delete, restore) in the history of `/api/<kind>/<id>`, newest first. */
export async function historyActions(caller: Caller, kind: string, id: string): Promise<string[]> {
  return (await caller.get(`/api/${kind}/${id}/history`)).json().items.map((e: { action: string }) => e.action);
}
