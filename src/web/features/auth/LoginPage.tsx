import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Code,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconInfoCircle, IconShieldLock } from '@tabler/icons-react';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError, messageOf } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { Logo } from '../../app/Logo.tsx';
import { useStartSso } from '../sso/queries.ts';
import { DemoLogins } from './DemoLogins.tsx';
import { useAbout } from './queries.ts';

/** Only paths inside this app are followed after signing in (never another site). */
function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/login')) return '/';
  return raw;
}

export function LoginPage() {
  const { user, signIn } = useAuth();
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const about = useAbout();
  const sso = useStartSso();
  // the provider refused, or the sign-in could not be finished: the app sent the browser back here
  const ssoError = params.get('sso_error');
  useDocumentTitle('Sign in · Winsight');

  if (user) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const blank = {
      ...(email.trim() ? {} : { email: 'Enter your email' }),
      ...(password ? {} : { password: 'Enter your password' }),
    };
    setMissing(blank);
    if (blank.email || blank.password) {
      document.getElementById(blank.email ? 'login-email' : 'login-password')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      void navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const startSso = () => {
    if (!email.trim()) {
      setMissing({ email: "Enter your work email: it tells which organization's sign-in to use" });
      document.getElementById('login-email')?.focus();
      return;
    }
    setMissing({});
    setError(null);
    sso.mutate(
      { email: email.trim(), next },
      {
        onSuccess: (result) => window.location.assign(result.redirectTo),
        onError: (failure) => setError(failure),
      },
    );
  };

  const throttled = isApiError(error, 'too-many-requests');
  // a deactivated account answers like a wrong password (a right guess must not learn it was right),
  // so the page says where to turn in both cases
  const noMatch = isApiError(error, 'unauthenticated');
  // the organization requires single sign-on: the message points to the button below
  const ssoOnly = isApiError(error, 'forbidden');
  return (
    <Center
      mih="100vh"
      p="md"
      style={{
        background: 'linear-gradient(160deg, var(--mantine-color-brand-0) 0%, var(--mantine-color-gray-0) 55%)',
      }}
    >
      <Stack w="100%" maw={420} gap="lg">
        <Center>
          <Logo size={36} />
        </Center>
        <Paper p="xl" shadow="sm" component="main">
          <Title order={1} fz={22} mb={4}>
            Sign in
          </Title>
          <Text size="sm" c="dimmed" mb="lg">
            Your pipeline, your accounts, your team.
          </Text>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack gap="md">
              {ssoError && !error ? (
                <Alert
                  color="red"
                  icon={<IconAlertCircle size={18} />}
                  title="Single sign-on did not sign you in"
                  role="alert"
                  data-testid="sso-error"
                >
                  {ssoError}
                </Alert>
              ) : null}
              {error ? (
                <Alert
                  color={throttled ? 'orange' : 'red'}
                  icon={<IconAlertCircle size={18} />}
                  title={
                    throttled ? 'Sign-in paused' : ssoOnly ? 'Sign in with single sign-on' : 'Could not sign you in'
                  }
                  role="alert"
                  data-testid="sign-in-error"
                >
                  {messageOf(error)}
                  {noMatch ? (
                    <Text size="sm" mt={4}>
                      Check the email and password. If they are right, your account may have been deactivated: ask your
                      administrator.
                    </Text>
                  ) : null}
                </Alert>
              ) : null}
              <TextInput
                id="login-email"
                label="Email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={missing.email}
                autoFocus
              />
              <PasswordInput
                id="login-password"
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={missing.password}
              />
              <Button type="submit" loading={busy} fullWidth mt="xs">
                Sign in
              </Button>
              <Divider label="or" labelPosition="center" />
              <Button
                variant="default"
                fullWidth
                leftSection={<IconShieldLock size={16} />}
                loading={sso.isPending || sso.isSuccess}
                onClick={startSso}
                data-testid="sso-start"
              >
                Continue with single sign-on
              </Button>
            </Stack>
          </form>
        </Paper>
        {about.data?.demo ? (
          <Alert
            variant="light"
            color="brand"
            icon={<IconInfoCircle size={18} />}
            title="Demo workspace"
            data-testid="demo-note"
          >
            <Text size="sm">
              Sign in as <Code>manager1@demo.example.com</Code> with the password <Code>winsight-demo</Code>.
            </Text>
            <DemoLogins
              onPick={(demoEmail) => {
                setEmail(demoEmail);
                setPassword('winsight-demo');
                setMissing({});
              }}
            />
          </Alert>
        ) : null}
        <Box ta="center">
          <Text size="xs" c="dimmed">
            Developers: the API is documented at{' '}
            <Anchor href="/api/docs" size="xs">
              /api/docs
            </Anchor>
          </Text>
        </Box>
      </Stack>
    </Center>
  );
}
