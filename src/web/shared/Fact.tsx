import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value in a record's header: "Amount  $125,000". */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.5 }}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}
