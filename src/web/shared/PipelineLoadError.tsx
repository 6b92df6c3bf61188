import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiError, messageOf } from '../app/api.ts';
import { ErrorState } from './states.tsx';

/**
 * A pipeline page (review, win/loss, forecast) that could not be loaded: a missing exchange rate is
 * said as what it is, with the currency the API names; anything else is a failure to try again.
 */
export function PipelineLoadError({ error, onRetry, title }: { error: unknown; onRetry: () => void; title: string }) {
  if (isApiError(error, 'unprocessable'))
    return (
      <Alert color="orange" variant="light" icon={<IconAlertCircle size={20} />} title="An exchange rate is missing">
        {messageOf(error)}
      </Alert>
    );
  return <ErrorState error={error} onRetry={onRetry} title={title} />;
}
