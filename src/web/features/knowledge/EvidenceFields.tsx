import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import {
  EVIDENCE_SOURCE_LABELS,
  RECORDABLE_EVIDENCE_SOURCES,
  type EvidenceSource,
} from '../../../domain/knowledge/evidence.ts';
import { todayLocal } from '../../shared/format.ts';
import { useContactList } from '../contacts/queries.ts';
import type { Option } from './schema-model.ts';
import { TEXT_LIMITS } from '../../../domain/text.ts';

export type EvidenceDraft = { text: string; source: EvidenceSource; contactId: string | null; observedAt: string };

export function blankEvidence(): EvidenceDraft {
  return { text: '', source: 'buyer_stated', contactId: null, observedAt: todayLocal() };
}

export const EVIDENCE_QUESTION = 'What did the customer say or do that tells you this?';

export const SOURCE_OPTIONS: Option[] = RECORDABLE_EVIDENCE_SOURCES.map((value) => ({
  value,
  label: EVIDENCE_SOURCE_LABELS[value],
}));

/** The contacts of the opportunity's account, for "who said it" and "which evaluator". */
export function useContactOptions(accountId: string): { options: Option[]; isLoading: boolean } {
  const contacts = useContactList({ accountId, sort: 'name', limit: 200, offset: 0 });
  const options = (contacts.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.title ? `${c.name} · ${c.title}` : c.name,
  }));
  return { options, isLoading: contacts.isPending };
}

type EvidenceFieldsProps = {
  formId: string;
  value: EvidenceDraft;
  onChange(patch: Partial<EvidenceDraft>): void;
  /** keyed like the API names them: evidence.text, evidence.source ... */
  errors: Record<string, string>;
  accountId: string;
  /** the words may be left out when the value is recorded as unknown */
  isTextOptional?: boolean;
};

/** The evidence every write asks for: the customer's words or deeds, how we know, who, and when. */
export function EvidenceFields({
  formId,
  value,
  onChange,
  errors,
  accountId,
  isTextOptional = false,
}: EvidenceFieldsProps) {
  const contacts = useContactOptions(accountId);
  const id = (name: string) => `${formId}-evidence.${name}`;
  return (
    <Stack gap="sm">
      <Textarea
        maxLength={TEXT_LIMITS.evidence}
        id={id('text')}
        label={EVIDENCE_QUESTION}
        description={
          isTextOptional
            ? 'Optional for an unknown: what they said when you asked helps the next person.'
            : 'Their words or their action, not our opinion.'
        }
        placeholder="“We have the budget approved for Q1, I signed it off last week.”"
        required={!isTextOptional}
        autosize
        minRows={2}
        maxRows={6}
        value={value.text}
        onChange={(e) => onChange({ text: e.currentTarget.value })}
        error={errors['evidence.text']}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Select
          id={id('source')}
          label="How we know"
          data={SOURCE_OPTIONS}
          value={value.source}
          onChange={(source) => source && onChange({ source: source as EvidenceSource })}
          allowDeselect={false}
          error={errors['evidence.source']}
        />
        <Select
          id={id('contactId')}
          label="Who said or did it"
          placeholder={contacts.isLoading ? 'Loading contacts…' : 'Choose a contact'}
          data={contacts.options}
          value={value.contactId}
          onChange={(contactId) => onChange({ contactId })}
          searchable
          clearable
          nothingFoundMessage="No contact of this account by that name"
          error={errors['evidence.contactId']}
        />
        <TextInput
          id={id('observedAt')}
          label="When"
          type="date"
          max={todayLocal()}
          value={value.observedAt}
          onChange={(e) => onChange({ observedAt: e.currentTarget.value })}
          error={errors['evidence.observedAt']}
          required
        />
      </SimpleGrid>
    </Stack>
  );
}
