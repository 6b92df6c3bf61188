import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';

/** An endpoint's signing secret, shown this once with a copy button: it is kept sealed and never shown again. */
export function SecretNotice({ url, secret, onDone }: { url: string; secret: string; onDone(): void }) {
  return (
    <Alert
      color="teal"
      variant="light"
      title={`Signing secret for ${url}`}
      icon={<IconKey size={18} />}
      data-testid="webhook-secret"
    >
      <Text size="sm" mb="sm">
        Copy it now into the receiving system: it checks each request’s <Code>webhook-signature</Code> with it. For your
        safety it is shown only this once; rotate it to get a new one.
      </Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code
          block
          style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          data-testid="webhook-secret-value"
        >
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'filled' : 'default'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Button variant="subtle" size="xs" mt="sm" onClick={onDone}>
        I have saved it
      </Button>
    </Alert>
  );
}
