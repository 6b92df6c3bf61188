import { Alert, Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import type { CreatedToken } from './queries.ts';

/** The new token, shown this once with a copy button: only its hash is kept. */
export function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone(): void }) {
  return (
    <Alert
      color="teal"
      variant="light"
      title={`Token “${token.name}” created`}
      icon={<IconKey size={18} />}
      data-testid="new-token"
    >
      <Text size="sm" mb="sm">
        Copy it now: for your safety it is shown only this once.
      </Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="new-token-value">
          {token.token}
        </Code>
        <CopyButton value={token.token}>
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
