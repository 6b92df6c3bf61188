// What other concepts may use of organizations.
export { insertOrganization, listOrganizations } from './organizations.repo.ts';
