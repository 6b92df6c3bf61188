import { Anchor, Badge, Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { ForecastBadge, StatusBadge } from '../../shared/badges.tsx';
import { Fact } from '../../shared/Fact.tsx';
import { formatDate, formatMoney } from '../../shared/format.ts';
import { WinProbability } from '../../shared/WinProbability.tsx';
import { DealHandOverButton } from '../hand-overs/DealHandOverButton.tsx';

/** The facts a sales leader looks for first: value, stage, status, owner, timing. */
export function OpportunityHeader({ opportunity: o }: { opportunity: Opportunity }) {
  return (
    <Paper p="lg" mb="lg">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="lg" verticalSpacing="md">
        <Fact label="Amount">
          <Text fw={700} fz="lg" className="tabular" data-testid="header-amount">
            {formatMoney(o.amountMinor, o.currency)}
          </Text>
        </Fact>
        <Fact label="Account">
          <Anchor component={Link} to={`/accounts/${o.accountId}`} fw={500} size="sm">
            {o.accountName}
          </Anchor>
        </Fact>
        <Fact label="Stage">
          <Text size="sm" fw={500}>
            {o.stageName}
          </Text>
        </Fact>
        <Fact label={o.status === 'open' ? 'Win chance' : 'Outcome'}>
          <Group gap={8} wrap="nowrap">
            <span data-testid="header-win-chance">
              <WinProbability opportunity={o} size="lg" />
            </span>
            {o.status !== 'open' && o.closedDate ? (
              <Text size="sm" c="dimmed">
                on {formatDate(o.closedDate)}
              </Text>
            ) : null}
            {o.status === 'open' && (o.topSeverity === 'critical' || o.topSeverity === 'high') ? (
              <Badge
                color={o.topSeverity === 'critical' ? 'red' : 'orange'}
                leftSection={<IconAlertTriangle size={12} />}
              >
                {o.topSeverity === 'critical' ? 'Critical risk' : 'High risk'}
              </Badge>
            ) : null}
          </Group>
        </Fact>
        <Fact label="Status">
          <Group gap={6}>
            <StatusBadge status={o.status} />
            <ForecastBadge category={o.forecastCategory} />
          </Group>
        </Fact>
        <Fact label="Owner">
          <Group gap={4} wrap="wrap">
            <Text size="sm" fw={500}>
              {o.ownerName}
            </Text>
            <DealHandOverButton opportunity={o} />
          </Group>
        </Fact>
        <Fact label={o.status === 'open' ? 'Expected close' : 'Closed on'}>
          <Text size="sm" fw={500} className="tabular">
            {formatDate(o.status === 'open' ? o.expectedCloseDate : o.closedDate)}
          </Text>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}
