import { createContext, useContext } from 'react';
import type { KnowledgeFactView, KnowledgeResponse } from '../../../contract/knowledge.ts';
import type { ItemKind } from '../../../domain/knowledge/schema.ts';
import type { FocusTarget } from './focus.ts';
import type { KnowledgeSchema } from './queries.ts';
import type { ObjectiveKey } from './schema-model.ts';

/** Open the fact form: about an objective, optionally for a given item (or one-per-opportunity kind) and field. */
export type FactRequest = {
  objective: ObjectiveKey;
  target?: { kind: ItemKind; itemId: string | null };
  field?: string;
  qualifier?: string | null;
  /** start from the value recorded now (changing it) */
  prefill?: boolean;
};

export type RetireRequest = { what: 'items' | 'facts'; id: string; title: string; message: string };

export type Workspace = {
  opportunityId: string;
  accountId: string;
  accountName: string;
  /** the opportunity's currency, the default for money values */
  currency: string;
  knowledge: KnowledgeResponse;
  schema: KnowledgeSchema;
  /** viewing the past: nothing can be written */
  readOnly: boolean;
  openFact(request: FactRequest): void;
  openItem(kind: ItemKind): void;
  retire(request: RetireRequest): void;
  /** a buyer confirmed this fact again: ask for the day and record it */
  confirmAgain(fact: KnowledgeFactView): void;
  /** the fact or item another page pointed at, shown highlighted */
  highlight: FocusTarget | null;
  /** fetch today's knowledge again (after someone else recorded some) */
  reload(): Promise<unknown>;
  isReloading: boolean;
};

const WorkspaceContext = createContext<Workspace | null>(null);

export const WorkspaceProvider = WorkspaceContext.Provider;

/** The knowledge on screen and the actions on it, for any part of the workspace. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace needs the <KnowledgeWorkspace> around it');
  return workspace;
}
