// What other concepts may use of organizations.
export { findOrganization, insertOrganization, listOrganizations } from './organizations.repo.ts';
