import { Alert, Paper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AuditEvent } from '../../../contract/audit.ts';
import type { Opportunity } from '../../../contract/opportunities.ts';
import { api } from '../../app/api.ts';
import { ConflictAlert, conflictRows } from '../../shared/ConflictAlert.tsx';
import { FormFooter } from '../../shared/FormFooter.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { describeValue, fieldLabel, OPPORTUNITY_FIELDS } from '../history/fields.ts';
import { useStageMap } from '../stages/queries.ts';
import { useUserMap } from '../users/queries.ts';
import { fieldsOf, formValuesOf, OPPORTUNITY_FIELD_ORDER, readForm, type OpportunityFieldValues } from './form-model.ts';
import { OpportunityFields } from './OpportunityFields.tsx';
import { assessmentKey } from '../assessment/queries.ts';
import { opportunitiesKey, type OpportunityUpdate } from './queries.ts';

const FORM_ID = 'opportunity';

// describeValue formats an amount with the context's currency when the entry carries none.
const NO_EVENT: AuditEvent = { id: '', entityType: 'opportunity', entityId: '', action: 'update', actorId: '', actorName: '', at: '', changes: [] };

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
    save: (body) => api.patch<Opportunity>(`/api/opportunities/${encodeURIComponent(opportunity.id)}`, body satisfies OpportunityUpdate),
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
  const rows = conflict
    ? conflictRows({
        before: fieldsOf(form.base),
        theirs: fieldsOf(conflict.current),
        mine: conflict.mine,
        order: OPPORTUNITY_FIELD_ORDER,
        label: (field) => fieldLabel(OPPORTUNITY_FIELDS, field),
        show: (field, value, side) => {
          const currency = side === 'mine' ? (conflict.mine.currency ?? conflict.current.currency) : conflict.current.currency;
          const accounts = new Map<string, string | null>([
            [conflict.current.accountId, conflict.current.accountName],
            [form.base.accountId, form.base.accountName],
          ]);
          if (conflict.mine.accountId) accounts.set(conflict.mine.accountId, form.values.accountName);
          return describeValue(OPPORTUNITY_FIELDS, field, value, { users, stages, accounts, currency }, NO_EVENT, 'to') ?? '—';
        },
      })
    : [];

  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Opportunity details">
      <Paper p={{ base: 'md', sm: 'xl' }}>
        {conflict ? (
          <ConflictAlert
            noun="opportunity"
            editorName={users.get(conflict.current.updatedBy)?.name ?? 'Someone'}
            savedAt={conflict.current.updatedAt}
            rows={rows}
            onLoadTheirs={form.loadTheirs}
            onReapplyMine={form.reapplyMine}
          />
        ) : null}
        {form.general ? (
          <Alert color="red" title="Not saved" mb="lg" role="alert">
            {form.general}
          </Alert>
        ) : null}
        <OpportunityFields
          formId={FORM_ID}
          values={form.values}
          onChange={form.change}
          errors={form.errors}
          keep={{ ownerId: form.base.ownerId, stageId: form.base.stageId }}
          disabled={disabled}
        />
        <FormFooter
          isDirty={form.isDirty}
          isSaving={form.isSaving}
          disabled={disabled}
          disabledReason="Restore the opportunity to edit it."
          onDiscard={form.discard}
          blocked={conflict !== null}
        />
      </Paper>
    </form>
  );
}
