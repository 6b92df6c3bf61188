import { Alert, Paper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AuditEvent } from '../../../contract/audit.ts';
import type { Account } from '../../../contract/accounts.ts';
import { api } from '../../app/api.ts';
import { ConflictAlert, conflictRows } from '../../shared/ConflictAlert.tsx';
import { FormFooter } from '../../shared/FormFooter.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { ACCOUNT_FIELDS, describeValue, fieldLabel } from '../history/fields.ts';
import { useUserMap } from '../users/queries.ts';
import { AccountFields } from './AccountFields.tsx';
import { ACCOUNT_FIELD_ORDER, accountFieldsOf, accountFormValuesOf, readAccountForm, type AccountFieldValues, type AccountFormValues } from './form-model.ts';
import { accountsKey } from './queries.ts';

const FORM_ID = 'account';
const NO_EVENT: AuditEvent = { id: '', entityType: 'account', entityId: '', action: 'update', actorId: '', actorName: '', at: '', changes: [] };

export function AccountDetailsForm({ account, disabled }: { account: Account; disabled: boolean }) {
  const queryClient = useQueryClient();
  const users = useUserMap();
  const form = useRecordForm<Account, AccountFormValues, AccountFieldValues>({
    formId: FORM_ID,
    record: account,
    fieldOrder: ACCOUNT_FIELD_ORDER,
    toValues: accountFormValuesOf,
    read: readAccountForm,
    fieldsOf: accountFieldsOf,
    save: (body) => api.patch<Account>(`/api/accounts/${encodeURIComponent(account.id)}`, body),
    onSaved: (saved) => {
      queryClient.setQueryData([...accountsKey, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: accountsKey, predicate: (q) => q.queryKey[1] !== 'detail' });
      void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  const conflict = form.conflict;
  const context = { users, stages: new Map(), accounts: new Map() };
  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate aria-label="Account details">
      <Paper p={{ base: 'md', sm: 'xl' }}>
        {conflict ? (
          <ConflictAlert
            noun="account"
            editorName={users.get(conflict.current.updatedBy)?.name ?? 'Someone'}
            savedAt={conflict.current.updatedAt}
            rows={conflictRows({
              before: accountFieldsOf(form.base),
              theirs: accountFieldsOf(conflict.current),
              mine: conflict.mine,
              order: ACCOUNT_FIELD_ORDER,
              label: (field) => fieldLabel(ACCOUNT_FIELDS, field),
              show: (field, value) => describeValue(ACCOUNT_FIELDS, field, value, context, NO_EVENT, 'to') ?? '—',
            })}
            onLoadTheirs={form.loadTheirs}
            onReapplyMine={form.reapplyMine}
          />
        ) : null}
        {form.general ? (
          <Alert color="red" title="Not saved" mb="lg" role="alert">
            {form.general}
          </Alert>
        ) : null}
        <AccountFields formId={FORM_ID} values={form.values} onChange={form.change} errors={form.errors} keepOwnerId={form.base.ownerId} disabled={disabled} />
        <FormFooter
          isDirty={form.isDirty}
          isSaving={form.isSaving}
          disabled={disabled}
          disabledReason="Restore the account to edit it."
          onDiscard={form.discard}
          blocked={conflict !== null}
        />
      </Paper>
    </form>
  );
}
