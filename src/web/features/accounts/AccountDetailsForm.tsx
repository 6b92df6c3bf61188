import { useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../contract/accounts.ts';
import { api } from '../../app/api.ts';
import { RecordDetailsForm } from '../../shared/RecordDetailsForm.tsx';
import { useRecordForm } from '../../shared/useRecordForm.ts';
import { ACCOUNT_FIELDS, conflictWords } from '../history/fields.ts';
import { useUserMap } from '../users/queries.ts';
import { AccountFields } from './AccountFields.tsx';
import {
  ACCOUNT_FIELD_ORDER,
  accountFieldsOf,
  accountFormValuesOf,
  readAccountForm,
  type AccountFieldValues,
  type AccountFormValues,
} from './form-model.ts';
import { accountsKey } from './queries.ts';

const FORM_ID = 'account';

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
  return (
    <RecordDetailsForm
      noun="account"
      form={form}
      fieldsOf={accountFieldsOf}
      order={ACCOUNT_FIELD_ORDER}
      words={conflictWords(ACCOUNT_FIELDS, { users, stages: new Map(), accounts: new Map() })}
      nameOf={(id) => users.get(id)?.name}
      disabled={disabled}
    >
      <AccountFields
        formId={FORM_ID}
        values={form.values}
        onChange={form.change}
        errors={form.errors}
        keepOwnerId={form.base.ownerId}
        disabled={disabled}
      />
    </RecordDetailsForm>
  );
}
