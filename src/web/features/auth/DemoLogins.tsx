import { Anchor, Group, Stack, Text } from '@mantine/core';

const DEMO_LOGINS = [
  { email: 'admin@demo.example.com', who: 'Administrator' },
  { email: 'manager1@demo.example.com', who: 'Manager of seller1–5' },
  { email: 'seller1@demo.example.com', who: 'Seller' },
] as const;

/** The demo's people, listed so a visitor can try each role; a click fills in the form. */
export function DemoLogins({ onPick }: { onPick(email: string): void }) {
  return (
    <Stack gap={6} mt="sm">
      <Text size="xs" c="dimmed">
        Other logins, same password: admin, manager1–3 and seller1–14 @demo.example.com. Click to fill in:
      </Text>
      {DEMO_LOGINS.map((login) => (
        <Group key={login.email} gap="xs" wrap="nowrap">
          <Anchor component="button" type="button" size="sm" onClick={() => onPick(login.email)}>
            {login.email}
          </Anchor>
          <Text size="xs" c="dimmed">
            {login.who}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
