import { Group, Text } from '@mantine/core';

/** The Winsight mark and word. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden>
        <rect width="32" height="32" rx="7" fill="var(--mantine-color-brand-7)" />
        <path
          d="M7 10l4 13 5-9 5 9 4-13"
          fill="none"
          stroke="#fff"
          strokeWidth="3"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <Text fw={700} fz={size * 0.66} c="var(--mantine-color-text)" style={{ letterSpacing: -0.3 }}>
        Winsight
      </Text>
    </Group>
  );
}
