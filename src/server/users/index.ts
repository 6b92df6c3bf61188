// What other concepts may use of people.
export { assertAssignableOwner } from './owners.ts';
export { findUser, insertUser, listReportingLines, listUsers } from './users.repo.ts';
export { addUser } from './users.service.ts';
