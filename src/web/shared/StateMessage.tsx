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
  /** 1 when the message is all the page has to say (not found, not allowed) */
  headingOrder?: 1 | 2 | 3;
};

/**
 * An empty list, a missing record, a refusal or a failure: an icon, a heading that says what
 * happened, a sentence on what to do, and the way forward.
 */
export function StateMessage({
  icon,
  title,
  description,
  actions,
  color,
  tone = 'plain',
  py = 'xl',
  testId,
  headingOrder = 2,
}: StateMessageProps) {
  return (
    <Center py={py} px="md">
      <EmptyState
        icon={icon}
        {...(tone === 'light' ? { variant: 'light' as const, color } : { withIndicatorBackground: true })}
        data-testid={testId}
      >
        <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
        {description ? <EmptyState.Description>{description}</EmptyState.Description> : null}
        {actions ? <EmptyState.Actions>{actions}</EmptyState.Actions> : null}
      </EmptyState>
    </Center>
  );
}
