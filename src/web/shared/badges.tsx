import { Badge } from '@mantine/core';
import type { ForecastCategory, OpportunityStatus, Relationship, Role } from '../../domain/enums.ts';
import {
  FORECAST_COLORS,
  FORECAST_LABELS,
  RELATIONSHIP_COLORS,
  RELATIONSHIP_LABELS,
  ROLE_COLORS,
  ROLE_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from './labels.ts';

export function StatusBadge({ status }: { status: OpportunityStatus }) {
  return <Badge color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function ForecastBadge({ category }: { category: ForecastCategory }) {
  return (
    <Badge color={FORECAST_COLORS[category]} variant="outline">
      {FORECAST_LABELS[category]}
    </Badge>
  );
}

export function RelationshipBadge({ relationship }: { relationship: Relationship }) {
  return <Badge color={RELATIONSHIP_COLORS[relationship]}>{RELATIONSHIP_LABELS[relationship]}</Badge>;
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge color={ROLE_COLORS[role]}>{ROLE_LABELS[role]}</Badge>;
}
