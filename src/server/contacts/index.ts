// What other concepts may use of contacts.
export { findContactsByIds, insertContacts } from './contacts.repo.ts';
