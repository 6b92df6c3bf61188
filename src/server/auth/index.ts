// What other concepts may use of sign-in, sessions and tokens.
export {
  deleteSessionsOfUser,
  forgetAllAttempts,
  listTokensOfUser,
  revokeToken,
  revokeTokensOfUser,
} from './auth.repo.ts';
export { hashPassword } from './secrets.ts';
