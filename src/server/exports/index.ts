// What other parts may use of the organization's document.
export { exportRoutes } from './exports.routes.ts';
export { organizationDocument } from './exports.service.ts';
export { restoreOrganizationDocument, type RestoreSummary } from './restore.service.ts';
