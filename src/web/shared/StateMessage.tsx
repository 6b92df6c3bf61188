import { Center, EmptyState, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

type StateMessageProps = {
  icon: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  color?: string;
  /** a coloured circle behind the icon ('light'), or a neutral one ('plain') */
  tone?: 'light' | 'plain';
  py?: MantineSpacing | number;
  testId?: string;
};

/**
 * An empty list, a missing record, a refusal or a failure: an icon, a heading that says what
 * happened, a sentence on what to do, and the way forward.
 */
export function StateMessage({ icon, title, description, actions, color, tone = 'plain', py = 'xl', testId }: StateMessageProps) {
  return (
    <Center py={py} px="md">
      <EmptyState
        icon={icon}
        {...(tone === 'light' ? { variant: 'light' as const, color } : { withIndicatorBackground: true })}
        data-testid={testId}
      >
        <EmptyState.Title order={2}>{title}</EmptyState.Title>
        {description ? <EmptyState.Description>{description}</EmptyState.Description> : null}
        {actions ? <EmptyState.Actions>{actions}</EmptyState.Actions> : null}
      </EmptyState>
    </Center>
  );
}
