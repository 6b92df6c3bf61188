import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  MultiSelect,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { HandOverBody, HandOverPlan } from '../../../contract/hand-overs.ts';
import type { User } from '../../../contract/users.ts';
import { messageOf } from '../../app/api.ts';
import { formatDate, formatMoney, formatWholeMoney } from '../../shared/format.ts';
import { useHandOver, useHandOverPreview, type HandOverResult } from './queries.ts';

type Mode = 'proposed' | 'chosen';

/**
 * Deactivate and hand over: the admin picks who takes a leaver's open deals, the app proposes a
 * split balanced by count and amount, the admin may choose per deal, and one confirmation
 * deactivates the leaver and moves everything (all or nothing), each deal with a brief.
 */
export function HandOverModal({
  user,
  users,
  onClose,
}: {
  user: User | null;
  users: readonly User[];
  onClose(): void;
}) {
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      size="xl"
      title={user ? (user.isActive ? `Deactivate ${user.name} and hand over` : `Hand over ${user.name}'s deals`) : ''}
    >
      {user ? <HandOverForm key={user.id} user={user} users={users} onClose={onClose} /> : null}
    </Modal>
  );
}

function HandOverForm({ user, users, onClose }: { user: User; users: readonly User[]; onClose(): void }) {
  const candidates = users
    .filter((u) => u.isActive && u.id !== user.id)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({ value: u.id, label: u.id === user.managerId ? `${u.name} (their manager)` : u.name }));
  const manager = candidates.find((c) => c.value === user.managerId);
  const [recipients, setRecipients] = useState<string[]>(manager ? [manager.value] : []);
  const [mode, setMode] = useState<Mode>('proposed');
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [result, setResult] = useState<HandOverResult | null>(null);
  const handOver = useHandOver();

  const previewBody: HandOverBody | null =
    recipients.length === 0
      ? null
      : { to: recipients.map((userId) => ({ userId })), split: recipients.length === 1 ? 'one' : 'balanced' };
  const preview = useHandOverPreview(user.id, previewBody);
  const plan = preview.data && recipients.length > 0 ? preview.data : null;
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? 'Someone';

  // per deal: the admin's choice in "chosen" mode (when still among the recipients), else the proposal
  const toOf = (deal: HandOverPlan['deals'][number]) =>
    mode === 'chosen' && chosen[deal.id] && recipients.includes(chosen[deal.id]!) ? chosen[deal.id]! : deal.toUserId;
  const loads = useMemo(() => {
    if (!plan) return [];
    return recipients.map((id) => {
      const deals = plan.deals.filter((d) => toOf(d) === id);
      return { id, deals: deals.length, value: deals.reduce((s, d) => s + (d.value ?? 0), 0) };
    });
    // toOf reads mode and chosen
  }, [plan, recipients, mode, chosen]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!plan) return;
    const body: HandOverBody =
      mode === 'chosen'
        ? {
            to: recipients.map((userId) => ({
              userId,
              opportunityIds: plan.deals.filter((d) => toOf(d) === userId).map((d) => d.id),
            })),
            split: 'chosen',
            version: plan.from.version,
          }
        : { ...previewBody!, version: plan.from.version };
    handOver.mutate({ userId: user.id, body }, { onSuccess: setResult });
  };

  if (result) return <HandOverDone user={user} result={result} nameOf={nameOf} onClose={onClose} />;

  return (
    <form onSubmit={submit} noValidate aria-label="Deactivate and hand over">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {user.isActive ? `${user.name} is deactivated (signed out, API tokens revoked) and ` : ''}their open deals and
          accounts move to the people you choose, in one step: if anything changed meanwhile, nothing moves. Each new
          owner gets a hand-over brief per deal in their inbox. Closed deals, figures and history stay {user.name}'s.
        </Text>
        <MultiSelect
          label="Hand over to"
          description="Choose one person, or several to spread the deals"
          placeholder={recipients.length === 0 ? 'Choose people' : undefined}
          data={candidates}
          value={recipients}
          onChange={setRecipients}
          searchable
          data-autofocus
          maxValues={50}
        />
        {recipients.length > 1 ? (
          <SegmentedControl
            aria-label="How to split the deals"
            value={mode}
            onChange={(v) => {
              if (v === 'chosen' && plan) setChosen(Object.fromEntries(plan.deals.map((d) => [d.id, toOf(d)])));
              setMode(v as Mode);
            }}
            data={[
              { value: 'proposed', label: 'Balanced (proposed)' },
              { value: 'chosen', label: 'Choose per deal' },
            ]}
          />
        ) : null}

        {recipients.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            Choose who takes {user.name}'s deals to see the split.
          </Text>
        ) : preview.isError ? (
          <Alert color="red" role="alert" title="The split could not be proposed">
            {messageOf(preview.error)}
          </Alert>
        ) : !plan ? (
          <Group gap="xs" role="status">
            <Loader size="xs" /> <Text size="sm">Proposing a split…</Text>
          </Group>
        ) : (
          <>
            <Table withTableBorder data-testid="hand-over-recipients" aria-label="Who takes what">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th ta="right">Deals</Table.Th>
                  <Table.Th ta="right">Pipeline ({plan.reportingCurrency})</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loads.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{nameOf(l.id)}</Table.Td>
                    <Table.Td ta="right">{l.deals}</Table.Td>
                    <Table.Td ta="right">{formatWholeMoney(l.value, plan.reportingCurrency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {plan.deals.length === 0 ? (
              <Text size="sm" c="dimmed" role="status">
                {user.name} has no open deals.{' '}
                {plan.accounts.length > 0
                  ? `Their ${plan.accounts.length} ${plan.accounts.length === 1 ? 'account goes' : 'accounts go'} to the people chosen.`
                  : 'Nothing else to hand over.'}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={560} mah={320}>
                <Table stickyHeader data-testid="hand-over-deals" aria-label="Open deals and who takes each">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Deal</Table.Th>
                      <Table.Th ta="right">Amount</Table.Th>
                      <Table.Th>Close</Table.Th>
                      <Table.Th>Goes to</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {plan.deals.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>
                          <Text size="sm">{d.name}</Text>
                          <Text size="xs" c="dimmed">
                            {d.accountName} · {d.stageName}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{formatMoney(d.amount.amountMinor, d.amount.currency)}</Table.Td>
                        <Table.Td>{formatDate(d.expectedCloseDate)}</Table.Td>
                        <Table.Td>
                          {mode === 'chosen' ? (
                            <NativeSelect
                              size="xs"
                              aria-label={`Who takes ${d.name}`}
                              value={toOf(d)}
                              onChange={(e) => {
                                const value = e.currentTarget.value;
                                setChosen((c) => ({ ...c, [d.id]: value }));
                              }}
                              data={recipients.map((id) => ({ value: id, label: nameOf(id) }))}
                            />
                          ) : (
                            nameOf(toOf(d))
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {plan.accounts.length > 0 ? (
              <Text size="xs" c="dimmed">
                Accounts: {plan.accounts.map((a) => `${a.name} → ${nameOf(a.toUserId)}`).join(', ')} (each goes to
                whoever takes most of its deals).
              </Text>
            ) : null}
          </>
        )}
        {handOver.isError ? (
          <Alert color="red" role="alert" title="Nothing was handed over">
            {messageOf(handOver.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={!plan || preview.isFetching} loading={handOver.isPending}>
            {submitLabel(user.isActive, plan?.deals.length ?? null)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function submitLabel(isActive: boolean, deals: number | null): string {
  const what = deals === null ? 'deals' : deals === 0 ? null : `${deals} ${deals === 1 ? 'deal' : 'deals'}`;
  if (!what) return isActive ? 'Deactivate and hand over their accounts' : 'Hand over their accounts';
  return isActive ? `Deactivate and hand over ${what}` : `Hand over ${what}`;
}

function HandOverDone({
  user,
  result,
  nameOf,
  onClose,
}: {
  user: User;
  result: HandOverResult;
  nameOf(id: string): string;
  onClose(): void;
}) {
  const byRecipient = new Map<string, HandOverResult['handOvers']>();
  for (const h of result.handOvers) byRecipient.set(h.toUserId, [...(byRecipient.get(h.toUserId) ?? []), h]);
  return (
    <Stack gap="md" role="status" aria-label="Hand-over done">
      <Alert color="teal" icon={<IconCheck size={18} />} title="Handed over">
        {user.name} is deactivated. {result.opportunities} {result.opportunities === 1 ? 'deal' : 'deals'},{' '}
        {result.accounts} {result.accounts === 1 ? 'account' : 'accounts'} and {result.actions} open{' '}
        {result.actions === 1 ? 'action' : 'actions'} moved; each new owner has the briefs in their inbox.
      </Alert>
      {[...byRecipient].map(([id, handOvers]) => (
        <Stack key={id} gap={4}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {nameOf(id)}
            </Text>
            <Badge variant="light">{handOvers.length}</Badge>
          </Group>
          <List size="sm" spacing={2}>
            {handOvers.map((h) => (
              <List.Item key={h.id}>
                <Anchor component={Link} to={`/opportunities/${h.opportunityId}#hand-over`} size="sm">
                  {h.opportunityName}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Stack>
      ))}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
