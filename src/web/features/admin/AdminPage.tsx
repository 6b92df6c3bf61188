import { Button, Paper, Skeleton, Tabs } from '@mantine/core';
import { lazy, Suspense } from 'react';
import {
  IconAdjustmentsHorizontal,
  IconAlertTriangle,
  IconBooks,
  IconChartDots,
  IconCoins,
  IconFileImport,
  IconFileText,
  IconKey,
  IconListCheck,
  IconLock,
  IconMail,
  IconPackageExport,
  IconShieldLock,
  IconStairs,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../app/auth.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { StateMessage } from '../../shared/StateMessage.tsx';
import { NotFoundState } from '../../shared/states.tsx';
import { CatalogPanel } from '../coaching/CatalogPanel.tsx';
import { GapRulesPanel } from '../coaching/GapRulesPanel.tsx';
import { CurrencyPanel } from '../currency/CurrencyPanel.tsx';
import { MailPanel } from '../mail/MailPanel.tsx';
import { RulesPanel } from '../model/RulesPanel.tsx';
import { ImportPanel } from '../imports/ImportPanel.tsx';
import { ExportPanel } from '../export/ExportPanel.tsx';
import { ObjectivesPanel } from '../objectives/ObjectivesPanel.tsx';
import { ProposalTemplatePanel } from '../proposals/ProposalTemplatePanel.tsx';
import { SsoPanel } from '../sso/SsoPanel.tsx';
import { StagesPanel } from './StagesPanel.tsx';
import { TokensPanel } from './TokensPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import { WebhooksPanel } from '../webhooks/WebhooksPanel.tsx';

const SECTIONS = [
  'users',
  'stages',
  'currency',
  'objectives',
  'model',
  'danger-zones',
  'learning',
  'coaching-rules',
  'proposal-template',
  'mail',
  'sign-in',
  'tokens',
  'import',
  'webhooks',
  'export',
] as const;

// The model page draws charts: their code loads only when someone opens it.
const ModelPanel = lazy(() => import('../model/ModelPanel.tsx').then((m) => ({ default: m.ModelPanel })));

export function AdminPage() {
  const me = useCurrentUser();
  const { section } = useParams();
  // under BrowserRouter navigate is synchronous: the Promise in its type is for data routers, hence `void`
  const navigate = useNavigate();

  if (me.role !== 'admin') return <NotAllowed />;
  const current = SECTIONS.find((s) => s === section);
  if (!current) {
    return (
      <NotFoundState
        title="Page not found"
        description="The administration has these sections: people, stages, currency, the information objectives, the win model, the danger zones, the learning catalog, the coaching rules, the proposal template, mail, sign-in, API tokens, import, webhooks and export."
        backTo="/admin/users"
        backLabel="Go to people"
      />
    );
  }

  return (
    <>
      <PageHeader
        title="Administration"
        description="The people of your organization, the stages your deals move through, the currency figures are reported in, what sellers must find out, how deals are assessed, what they can learn, when a gap is worth coaching, the template proposals are written through, the server reminders are e-mailed through, how people sign in, the API tokens people use, importing another CRM's history, the webhooks that tell other systems what changed, and exporting everything."
      />
      <Tabs
        value={current}
        onChange={(next) => {
          if (next) void navigate(`/admin/${next}`);
        }}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />}>
            People
          </Tabs.Tab>
          <Tabs.Tab value="stages" leftSection={<IconStairs size={16} />}>
            Stages
          </Tabs.Tab>
          <Tabs.Tab value="currency" leftSection={<IconCoins size={16} />}>
            Currency
          </Tabs.Tab>
          <Tabs.Tab value="objectives" leftSection={<IconListCheck size={16} />}>
            Objectives
          </Tabs.Tab>
          <Tabs.Tab value="model" leftSection={<IconChartDots size={16} />}>
            Win model
          </Tabs.Tab>
          <Tabs.Tab value="danger-zones" leftSection={<IconAlertTriangle size={16} />}>
            Danger zones
          </Tabs.Tab>
          <Tabs.Tab value="learning" leftSection={<IconBooks size={16} />}>
            Learning catalog
          </Tabs.Tab>
          <Tabs.Tab value="coaching-rules" leftSection={<IconAdjustmentsHorizontal size={16} />}>
            Coaching rules
          </Tabs.Tab>
          <Tabs.Tab value="proposal-template" leftSection={<IconFileText size={16} />}>
            Proposal template
          </Tabs.Tab>
          <Tabs.Tab value="mail" leftSection={<IconMail size={16} />}>
            Mail
          </Tabs.Tab>
          <Tabs.Tab value="sign-in" leftSection={<IconShieldLock size={16} />}>
            Sign-in
          </Tabs.Tab>
          <Tabs.Tab value="tokens" leftSection={<IconKey size={16} />}>
            API tokens
          </Tabs.Tab>
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />}>
            Import
          </Tabs.Tab>
          <Tabs.Tab value="webhooks" leftSection={<IconWebhook size={16} />}>
            Webhooks
          </Tabs.Tab>
          <Tabs.Tab value="export" leftSection={<IconPackageExport size={16} />}>
            Export
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">{current === 'users' ? <UsersPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="stages">{current === 'stages' ? <StagesPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="currency">{current === 'currency' ? <CurrencyPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="objectives">{current === 'objectives' ? <ObjectivesPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="model">
          {current === 'model' ? (
            <Suspense fallback={<Skeleton height={320} aria-label="Loading the model" />}>
              <ModelPanel />
            </Suspense>
          ) : null}
        </Tabs.Panel>
        <Tabs.Panel value="danger-zones">{current === 'danger-zones' ? <RulesPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="learning">{current === 'learning' ? <CatalogPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="coaching-rules">{current === 'coaching-rules' ? <GapRulesPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="proposal-template">
          {current === 'proposal-template' ? <ProposalTemplatePanel /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="mail">{current === 'mail' ? <MailPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="sign-in">{current === 'sign-in' ? <SsoPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="tokens">{current === 'tokens' ? <TokensPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="import">{current === 'import' ? <ImportPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="webhooks">{current === 'webhooks' ? <WebhooksPanel /> : null}</Tabs.Panel>
        <Tabs.Panel value="export">{current === 'export' ? <ExportPanel /> : null}</Tabs.Panel>
      </Tabs>
    </>
  );
}

function NotAllowed() {
  return (
    <Paper p="xl" mt="md">
      <StateMessage
        tone="light"
        color="gray"
        icon={<IconLock size={26} />}
        title="This area is for administrators"
        description="Managing people, stages, the reporting currency and its rates, the information objectives, the win model, the danger-zone rules, the learning catalog, the coaching rules, the mail server, single sign-on, API tokens, imports, webhooks and exports needs an administrator. Ask one of your organization's administrators if something here needs changing."
        testId="not-allowed"
        headingOrder={1}
        actions={
          <Button component={Link} to="/opportunities">
            Back to opportunities
          </Button>
        }
      />
    </Paper>
  );
}
