// Which database errors mean "the database cannot be reached (or used) just now" rather than a
// bug or bad input: requests caught by them answer 503 `unavailable`, and start-up names them.

const NETWORK_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now
// (starting up or in recovery), 53300 too_many_connections; 28000 and 28P01 refuse a new
// connection's login (a role locked or a password rotated under a running server).
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '28000', '28P01']);

// SQLITE_BUSY only surfaces once busy_timeout has run out; CANTOPEN and READONLY mean the file or
// its folder went away or lost its write permission under a running server.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|READONLY)/;

const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true; // SQLSTATE class 08: connection exception
    if (PG_UNAVAILABLE.has(code) || NETWORK_ERRNOS.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
  }
  // Node reports a refused connection to every address of a host name as one AggregateError
  if (error instanceof AggregateError && error.errors.some((e) => isConnectionFailure(e))) return true;
  return PG_CLIENT_MESSAGES.some((m) => error.message.startsWith(m));
}
