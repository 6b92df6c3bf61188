// What other concepts may use of people.
export { assertAssignableOwner } from './owners.ts';
export { cachedPeople, cachedUserNames } from './people.ts';
export { findUser, insertUser, listUsers } from './users.repo.ts';
export { addUser, deactivateIn } from './users.service.ts';
