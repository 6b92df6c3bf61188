// What other concepts may use of accounts.
export {
  accountProfiles,
  findAccount,
  holdLiveAccount,
  insertAccounts,
  listOwnedAccounts,
  updateAccountAtVersion,
} from './accounts.repo.ts';
