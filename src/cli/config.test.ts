import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

describe('WINSIGHT_TRUST_PROXY', () => {
  it.each([
    { raw: undefined, trusted: [] },
    { raw: '', trusted: [] },
    { raw: '10.0.0.2', trusted: ['10.0.0.2'] },
    { raw: ' 10.0.0.2 , 10.1.0.0/16,::1 ', trusted: ['10.0.0.2', '10.1.0.0/16', '::1'] },
    { raw: 'loopback', trusted: ['loopback'] },
  ])('"$raw" trusts $trusted', ({ raw, trusted }) => {
    expect(configFromEnv({ WINSIGHT_TRUST_PROXY: raw }).trustProxy).toEqual(trusted);
  });

  it.each(['true', '*', 'proxy.internal', '10.0.0.0/33', '10.0.0.300'])('refuses "%s", naming the setting', (raw) => {
    expect(() => configFromEnv({ WINSIGHT_TRUST_PROXY: raw })).toThrow(/WINSIGHT_TRUST_PROXY/);
  });
});

describe('sign-in limits', () => {
  it('reads the per-address and per-email limits and the longest pause', () => {
    const config = configFromEnv({
      WINSIGHT_LOGIN_MAX_FAILURES: '4',
      WINSIGHT_LOGIN_EMAIL_MAX_FAILURES: '40',
      WINSIGHT_LOGIN_MAX_DELAY_MINUTES: '30',
    });
    expect(config).toMatchObject({ loginMaxFailures: 4, loginEmailMaxFailures: 40, loginMaxDelayMinutes: 30 });
  });

  it('refuses a zero limit or pause, which would turn the lockout into a lock', () => {
    expect(() => configFromEnv({ WINSIGHT_LOGIN_MAX_FAILURES: '0' })).toThrow(/WINSIGHT_LOGIN_MAX_FAILURES/);
    expect(() => configFromEnv({ WINSIGHT_LOGIN_MAX_DELAY_MINUTES: '0' })).toThrow(/WINSIGHT_LOGIN_MAX_DELAY_MINUTES/);
  });
});
