import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtpServer = {
  port: number;
  /** every message the server accepted, parsed */
  received: ParsedMail[];
  /** refuse the next `count` messages with a temporary failure (451) */
  failNext(count: number): void;
  close(): Promise<void>;
};

/**
 * A real SMTP server in this process, on a free port of 127.0.0.1, without TLS. With `auth`, only
 * that user name and password may send.
 */
export async function startSmtpServer(auth?: { username: string; password: string }): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.username && credentials.password === auth.password)
        return callback(null, { user: credentials.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (failing > 0) {
            failing -= 1;
            const refusal = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
            return callback(refusal);
          }
          received.push(mail);
          return callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    failNext: (count) => {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then let go). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
