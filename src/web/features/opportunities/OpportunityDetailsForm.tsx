import { useQueryClient } from '@tanstack/react-query';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { api } from '../../app/api.ts';
import { RecordDetailsForm } from '../../shared/RecordDetailsForm.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { conflictWords, OPPORTUNITY_FIELDS } from '../history/fields.ts';
import { useStageMap } from '../stages/queries.ts';
import { useUserMap } from '../users/queries.ts';
import {
  fieldsOf,
  formValuesOf,
  OPPORTUNITY_FIELD_ORDER,
  readForm,
  type OpportunityFieldValues,
} from './form-model.ts';
import { OpportunityFields } from './OpportunityFields.tsx';
import { assessmentKey } from '../assessment/queries.ts';
import { opportunitiesKey, type OpportunityUpdate } from './queries.ts';

const FORM_ID = 'opportunity';

/** The Details tab: every editable field, saved against the version the person opened. */
export function OpportunityDetailsForm({ opportunity, disabled }: { opportunity: Opportunity; disabled: boolean }) {
  const queryClient = useQueryClient();
  const users = useUserMap();
  const stages = useStageMap();
  const form = useRecordForm<Opportunity, ReturnType<typeof formValuesOf>, OpportunityFieldValues>({
    formId: FORM_ID,
    record: opportunity,
    fieldOrder: OPPORTUNITY_FIELD_ORDER,
    toValues: formValuesOf,
    read: readForm,
    fieldsOf,
    fieldOfInput: (key) => (key === 'amount' ? 'amountMinor' : key),
    save: (body) =>
      api.patch<Opportunity>(
        `/api/opportunities/${encodeURIComponent(opportunity.id)}`,
        body satisfies OpportunityUpdate,
      ),
    onSaved: (saved) => {
      queryClient.setQueryData([...opportunitiesKey, 'detail', saved.id], saved);
      // the close date, the amount, the stage and the seller's figure all feed the assessment
      void queryClient.invalidateQueries({ queryKey: assessmentKey(saved.id) });
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    reapply: (current, mine, values) => {
      const merged = formValuesOf({ ...current, ...mine } as Opportunity);
      return mine.accountId ? { ...merged, accountName: values.accountName } : merged;
    },
  });

  const conflict = form.conflict;
  // each side's amount in its own currency; account names as far as they are known
  const context = (side: 'theirs' | 'mine') => {
    const accounts = new Map<string, string | null>(
      conflict ? [[conflict.current.accountId, conflict.current.accountName]] : [],
    );
    accounts.set(form.base.accountId, form.base.accountName);
    if (conflict?.mine.accountId) accounts.set(conflict.mine.accountId, form.values.accountName);
    const currency =
      side === 'mine' ? (conflict?.mine.currency ?? conflict?.current.currency) : conflict?.current.currency;
    return { users, stages, accounts, ...(currency ? { currency } : {}) };
  };

  return (
    <RecordDetailsForm
      noun="opportunity"
      form={form}
      fieldsOf={fieldsOf}
      order={OPPORTUNITY_FIELD_ORDER}
      words={conflictWords(OPPORTUNITY_FIELDS, context)}
      nameOf={(id) => users.get(id)?.name}
      disabled={disabled}
    >
      <OpportunityFields
        formId={FORM_ID}
        values={form.values}
        onChange={form.change}
        errors={form.errors}
        keep={{ ownerId: form.base.ownerId, stageId: form.base.stageId }}
        wasCommit={form.base.status === 'open' && form.base.forecastCategory === 'commit'}
        disabled={disabled}
      />
    </RecordDetailsForm>
  );
}
