import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import type { SsoSettings, SsoSettingsBody } from '../../../contract/sso.ts';
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx';
import { fieldId, splitSaveError, useFocusFirstError, type FieldErrors } from '../../shared/form.ts';
import { formatDateTime } from '../../shared/format.ts';
import { ErrorState } from '../../shared/states.tsx';
import { useRemoveSsoSettings, useSaveSsoSettings, useSsoSettings } from './queries.ts';

const FORM_ID = 'sso-settings';
const FIELDS = [
  'issuer',
  'clientId',
  'clientSecret',
  'allowedDomains',
  'createsUsers',
  'isEnabled',
  'requiresSso',
] as const;

type Draft = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  removeClientSecret: boolean;
  allowedDomains: string[];
  createsUsers: boolean;
  isEnabled: boolean;
  requiresSso: boolean;
};

const draftOf = (settings: SsoSettings | null): Draft => ({
  issuer: settings?.issuer ?? '',
  clientId: settings?.clientId ?? '',
  clientSecret: '',
  removeClientSecret: false,
  allowedDomains: settings?.allowedDomains ?? [],
  createsUsers: settings?.createsUsers ?? false,
  isEnabled: settings?.isEnabled ?? true,
  requiresSso: settings?.requiresSso ?? false,
});

/**
 * Administrators: the organization's OpenID Connect provider (Okta, Entra ID, Google Workspace,
 * Keycloak ...), which e-mail domains sign in through it, and whether a first sign-in creates a seller.
 */
export function SsoPanel() {
  const query = useSsoSettings();
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton height={420} aria-label="Loading the sign-in settings" />;
  return <SsoForm settings={query.data.settings} redirectUri={query.data.redirectUri} />;
}

function SsoForm({ settings, redirectUri }: { settings: SsoSettings | null; redirectUri: string }) {
  const save = useSaveSsoSettings();
  const remove = useRemoveSsoSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  useFocusFirstError(FORM_ID, errors, FIELDS);
  useEffect(() => setDraft(draftOf(settings)), [settings]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SsoSettingsBody = {
      issuer: draft.issuer,
      clientId: draft.clientId,
      allowedDomains: draft.allowedDomains,
      createsUsers: draft.createsUsers,
      isEnabled: draft.isEnabled,
      requiresSso: draft.requiresSso,
      // empty: keep the saved secret; ticked: remove it (a public client)
      ...(draft.removeClientSecret
        ? { clientSecret: null }
        : draft.clientSecret
          ? { clientSecret: draft.clientSecret }
          : {}),
    };
    setErrors({});
    setGeneral(null);
    save.mutate(body, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Single sign-on saved',
          message: !draft.isEnabled
            ? 'Saved, and turned off: everyone signs in with a password.'
            : draft.requiresSso
              ? `People sign in through ${draft.issuer} only; administrators can still use their password.`
              : `People of ${draft.allowedDomains.join(', ')} can now sign in through ${draft.issuer}.`,
        }),
      onError: (error) => {
        const split = splitSaveError(error, FIELDS);
        setErrors(split.fields);
        setGeneral(split.general);
      },
    });
  };

  return (
    <Stack gap="lg" data-testid="sso-panel">
      <Paper p="lg">
        <Group justify="space-between" mb={4}>
          <Title order={2} fz="md">
            Single sign-on
          </Title>
          {settings ? (
            <Badge color={settings.isEnabled ? 'teal' : 'gray'} variant="light" data-testid="sso-status">
              {settings.isEnabled ? (settings.requiresSso ? 'On, required' : 'On') : 'Off'}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          People sign in through your company&apos;s identity provider (OpenID Connect: Okta, Microsoft Entra ID, Google
          Workspace, Keycloak …) instead of a Winsight password. Passwords keep working for everyone else, unless single
          sign-on is required.
        </Text>
        <Alert variant="light" color="brand" mb="md" title="At your provider, register Winsight as a web application">
          <Text size="sm">Its redirect (sign-in callback) address is:</Text>
          <Group gap="xs" mt={4}>
            <Code data-testid="sso-redirect-uri">{redirectUri}</Code>
            <CopyButton value={redirectUri}>
              {({ copied, copy }) => (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" mt={4}>
            Winsight asks for the scopes <Code>openid email profile</Code> and uses the authorization code flow with
            PKCE.
          </Text>
        </Alert>
        {settings?.isClientSecretUnreadable ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle size={18} />}
            mb="md"
            role="alert"
            title="Enter the secret again"
          >
            The saved client secret cannot be read with this server&apos;s secret key (WINSIGHT_SECRET_KEY or its key
            file changed since it was saved). Sign-ins through the provider fail until it is entered again and saved.
          </Alert>
        ) : null}
        <form id={FORM_ID} onSubmit={submit} aria-label="Single sign-on settings" noValidate>
          <Stack gap="sm">
            <TextInput
              id={fieldId(FORM_ID, 'issuer')}
              label="Issuer"
              description="The provider's address; Winsight reads its settings from /.well-known/openid-configuration there"
              placeholder="https://login.example.com"
              required
              value={draft.issuer}
              onChange={(e) => set('issuer', e.currentTarget.value)}
              error={errors.issuer}
            />
            <TextInput
              id={fieldId(FORM_ID, 'clientId')}
              label="Client ID"
              required
              autoComplete="off"
              value={draft.clientId}
              onChange={(e) => set('clientId', e.currentTarget.value)}
              error={errors.clientId}
            />
            <PasswordInput
              id={fieldId(FORM_ID, 'clientSecret')}
              label="Client secret"
              description={
                settings?.isClientSecretUnreadable
                  ? 'Enter it again: the saved one cannot be read'
                  : settings?.isClientSecretSet
                    ? 'Set: leave empty to keep it, or type a new one'
                    : 'Not set (a public client signs in with PKCE alone)'
              }
              autoComplete="new-password"
              value={draft.clientSecret}
              disabled={draft.removeClientSecret}
              onChange={(e) => set('clientSecret', e.currentTarget.value)}
              error={errors.clientSecret}
            />
            {settings?.isClientSecretSet ? (
              <Checkbox
                label="Remove the saved secret"
                checked={draft.removeClientSecret}
                onChange={(e) => set('removeClientSecret', e.currentTarget.checked)}
              />
            ) : null}
            <TagsInput
              id={fieldId(FORM_ID, 'allowedDomains')}
              label="E-mail domains"
              description="Addresses of these domains sign in through this provider; press Enter after each"
              placeholder="example.com"
              required
              value={draft.allowedDomains}
              onChange={(value) => set('allowedDomains', value)}
              splitChars={[',', ' ', ';']}
              error={errors.allowedDomains}
              data-testid="sso-domains"
            />
            <Checkbox
              id={fieldId(FORM_ID, 'createsUsers')}
              label="A first sign-in creates a seller"
              description="Otherwise only people already added in Admin › People sign in; an administrator gives newcomers a manager and role"
              checked={draft.createsUsers}
              onChange={(e) => set('createsUsers', e.currentTarget.checked)}
            />
            <Switch
              id={fieldId(FORM_ID, 'isEnabled')}
              label="Sign-in through this provider is on"
              checked={draft.isEnabled}
              onChange={(e) => set('isEnabled', e.currentTarget.checked)}
            />
            <Switch
              id={fieldId(FORM_ID, 'requiresSso')}
              label="Require single sign-on"
              description={
                draft.isEnabled
                  ? 'Password sign-in is refused to everyone but administrators, and the sign-in page points them to single sign-on; turning it on signs them out, so they sign in again through the provider. Administrators keep their password, to get in should the provider be down.'
                  : 'Takes effect while sign-in through the provider is on.'
              }
              checked={draft.requiresSso}
              onChange={(e) => set('requiresSso', e.currentTarget.checked)}
              error={errors.requiresSso}
              data-testid="sso-required"
            />
            {general ? (
              <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                {general}
              </Alert>
            ) : null}
            <Group justify="space-between" mt="xs">
              <Text size="xs" c="dimmed">
                {settings
                  ? `Last saved by ${settings.updatedByName}, ${formatDateTime(settings.updatedAt)}`
                  : 'No provider yet: everyone signs in with a password.'}
              </Text>
              <Group gap="xs">
                {settings ? (
                  <Button variant="default" color="red" onClick={() => setRemoving(true)}>
                    Remove
                  </Button>
                ) : null}
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ConfirmDialog
        opened={removing}
        title="Remove single sign-on?"
        message="People of these domains sign in with their Winsight password again; those created by their first sign-in have none until an administrator sets one."
        confirmLabel="Remove"
        onConfirm={async () => {
          await remove.mutateAsync();
          notifications.show({
            color: 'gray',
            title: 'Single sign-on removed',
            message: 'Everyone signs in with a password.',
          });
        }}
        onClose={() => setRemoving(false)}
      />
    </Stack>
  );
}
