import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconSend } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { MailSettings, MailSettingsBody, TlsMode } from '../../../contract/mail.ts';
import { messageOf } from '../../app/api.ts';
import { fieldId, splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { OutboxPanel } from './OutboxPanel.tsx';
import { useMailSettings, useSaveMailSettings, useSendTestMail } from './queries.ts';

const FORM_ID = 'mail-settings';
const FIELDS = ['host', 'port', 'tlsMode', 'username', 'password', 'fromAddress', 'appUrl'] as const;

const TLS_OPTIONS: Array<{ value: TlsMode; label: string }> = [
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'tls', label: 'TLS from the start (usually port 465)' },
  { value: 'none', label: 'None (a relay on your own network only)' },
];

type Draft = {
  host: string;
  port: number | string;
  tlsMode: TlsMode;
  username: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
  appUrl: string;
};

const draftOf = (settings: MailSettings | null): Draft => ({
  host: settings?.host ?? '',
  port: settings?.port ?? 587,
  tlsMode: settings?.tlsMode ?? 'starttls',
  username: settings?.username ?? '',
  password: '',
  removePassword: false,
  fromAddress: settings?.fromAddress ?? '',
  appUrl: settings?.appUrl ?? (typeof window === 'undefined' ? '' : window.location.origin),
});

/**
 * Administrators: the SMTP server reminders are e-mailed through, a test message to themselves, and
 * the e-mails that did not go out.
 */
export function MailPanel() {
  const query = useMailSettings();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton height={420} aria-label="Loading the mail settings" />;
  return (
    <Stack gap="lg">
      <MailForm settings={query.data.settings} />
      {query.data.settings ? <OutboxPanel /> : null}
    </Stack>
  );
}

function MailForm({ settings }: { settings: MailSettings | null }) {
  const save = useSaveMailSettings();
  const test = useSendTestMail();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  useFocusFirstError(FORM_ID, errors, FIELDS);
  useEffect(() => setDraft(draftOf(settings)), [settings]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: MailSettingsBody = {
      host: draft.host,
      port: typeof draft.port === 'number' ? draft.port : Number(draft.port),
      tlsMode: draft.tlsMode,
      username: draft.username,
      fromAddress: draft.fromAddress,
      appUrl: draft.appUrl,
      // empty: keep the saved password; ticked: remove it
      ...(draft.removePassword ? { password: null } : draft.password ? { password: draft.password } : {}),
    };
    setErrors({});
    setGeneral(null);
    test.reset();
    save.mutate(body, {
      onSuccess: () => notifications.show({ color: 'teal', title: 'Mail settings saved', message: draft.host }),
      onError: (error) => {
        const split = splitSaveError(error, FIELDS);
        setErrors(split.fields);
        setGeneral(split.general);
      },
    });
  };

  return (
    <Stack gap="lg">
      <Paper p="lg">
        <Title order={2} fz="md" mb={4}>
          Mail server
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Reminders reach people in their inbox here, and by e-mail through this SMTP server once it is set. A server
          that is down delays e-mails (they are tried again for about nine hours) but never the app.
        </Text>
        {settings?.isPasswordUnreadable ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle size={18} />}
            mb="md"
            role="alert"
            title="Enter the password again"
            data-testid="mail-password-unreadable"
          >
            The saved password cannot be read with this server&apos;s secret key (WINSIGHT_SECRET_KEY or its key file
            changed since it was saved). E-mails wait until the password is entered again below and saved.
          </Alert>
        ) : null}
        <form id={FORM_ID} onSubmit={submit} aria-label="Mail settings" noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                id={fieldId(FORM_ID, 'host')}
                label="SMTP host"
                placeholder="smtp.example.com"
                required
                value={draft.host}
                onChange={(e) => set('host', e.currentTarget.value)}
                error={errors.host}
                style={{ gridColumn: 'span 2' }}
              />
              <NumberInput
                id={fieldId(FORM_ID, 'port')}
                label="Port"
                required
                min={1}
                max={65535}
                allowDecimal={false}
                value={draft.port}
                onChange={(value) => set('port', value)}
                error={errors.port}
              />
            </SimpleGrid>
            <Select
              id={fieldId(FORM_ID, 'tlsMode')}
              label="Encryption"
              data={TLS_OPTIONS}
              value={draft.tlsMode}
              onChange={(value) => value && set('tlsMode', value as TlsMode)}
              allowDeselect={false}
              error={errors.tlsMode}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                id={fieldId(FORM_ID, 'username')}
                label="User name"
                description="Leave empty for a server that needs no sign-in"
                autoComplete="off"
                value={draft.username}
                onChange={(e) => set('username', e.currentTarget.value)}
                error={errors.username}
              />
              <PasswordInput
                id={fieldId(FORM_ID, 'password')}
                label="Password"
                description={
                  settings?.isPasswordUnreadable
                    ? 'Enter it again: the saved one cannot be read'
                    : settings?.isPasswordSet
                      ? 'Set: leave empty to keep it, or type a new one'
                      : 'Not set'
                }
                autoComplete="new-password"
                value={draft.password}
                disabled={draft.removePassword}
                onChange={(e) => set('password', e.currentTarget.value)}
                error={errors.password}
                data-testid="mail-password"
              />
            </SimpleGrid>
            {settings?.isPasswordSet ? (
              <Checkbox
                label="Remove the saved password"
                checked={draft.removePassword}
                onChange={(e) => set('removePassword', e.currentTarget.checked)}
              />
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                id={fieldId(FORM_ID, 'fromAddress')}
                label="From address"
                placeholder="winsight@example.com"
                required
                value={draft.fromAddress}
                onChange={(e) => set('fromAddress', e.currentTarget.value)}
                error={errors.fromAddress}
              />
              <TextInput
                id={fieldId(FORM_ID, 'appUrl')}
                label="Winsight's address"
                description="For the links in e-mails"
                placeholder="https://winsight.example.com"
                value={draft.appUrl}
                onChange={(e) => set('appUrl', e.currentTarget.value)}
                error={errors.appUrl}
              />
            </SimpleGrid>
            {general ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                {general}
              </Alert>
            ) : null}
            <Group justify="space-between" mt="xs">
              <Text size="xs" c="dimmed">
                {settings
                  ? `Last saved by ${settings.updatedByName}, ${formatDateTime(settings.updatedAt)}`
                  : 'No mail server yet: reminders go to the inbox only.'}
              </Text>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper p="lg">
        <Title order={2} fz="md" mb={4}>
          Test message
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Sends a message to you through the saved settings now, and shows what the server answered.
        </Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconSend size={16} />}
            disabled={!settings}
            loading={test.isPending}
            onClick={() => test.mutate()}
          >
            Send a test message
          </Button>
        </Group>
        {test.isSuccess ? (
          <Alert color="teal" icon={<IconCheck size={18} />} mt="sm" role="status">
            {test.data.message}
          </Alert>
        ) : null}
        {test.isError ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            mt="sm"
            role="alert"
            title="The test message was not sent"
          >
            {messageOf(test.error)}
          </Alert>
        ) : null}
      </Paper>
    </Stack>
  );
}
