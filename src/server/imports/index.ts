// What other parts may use of imports: run one (the CLI), load a mapping.
export { runImport, type ImportReport, type ImportRun } from './import.service.ts';
export { loadMapping, MappingError, DATASET_MAPPINGS } from './mappings.ts';
export { ImportFileError, MAX_IMPORT_BYTES } from './reader.ts';
export { findOrgByName, listOrgs, firstAdminOf } from './imports.repo.ts';
