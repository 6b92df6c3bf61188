// What other parts may use of the organization's document.
export { exportRoutes } from './exports.routes.ts';
export { DOCUMENT_TABLES } from './document-tables.ts';
export { organizationDocument, organizationTableCsv } from './exports.service.ts';
export { DocumentSyntaxError } from './document-parts.ts';
export {
  restoreOrganizationDocument,
  restoreOrganizationDocumentFile,
  type RestoreSummary,
} from './restore.service.ts';
