import {
  opportunityCreateBodySchema,
  opportunityListQuerySchema,
  opportunityListSchema,
  opportunitySchema,
  opportunityUpdateBodySchema,
} from '../../contract/opportunities.ts';
import { changeOpportunity, openOpportunity, removeOpportunity, restoreRemovedOpportunity } from '../deals/index.ts';
import type { AppDeps } from '../deps.ts';
import type { App } from '../http.ts';
import { recordRoutes } from '../records.routes.ts';
import { OPPORTUNITY_COLUMNS } from './opportunities.export.ts';
import * as service from './opportunities.service.ts';

export function opportunityRoutes(app: App, deps: AppDeps): void {
  recordRoutes(app, deps, {
    path: '/api/opportunities',
    tag: 'opportunities',
    noun: 'opportunity',
    schemas: {
      listQuery: opportunityListQuerySchema,
      list: opportunityListSchema,
      create: opportunityCreateBodySchema,
      update: opportunityUpdateBodySchema,
      record: opportunitySchema,
    },
    service: {
      list: service.listOpportunities,
      get: service.getOpportunity,
      create: openOpportunity,
      update: changeOpportunity,
      remove: removeOpportunity,
      restore: restoreRemovedOpportunity,
      history: service.opportunityHistory,
    },
    export: { name: 'opportunities', columns: OPPORTUNITY_COLUMNS, pages: service.opportunitiesToExport },
  });
}
