import { Group, Text, Tooltip } from '@mantine/core';
import { IconQuote } from '@tabler/icons-react';
import type { z } from 'zod';
import type { evidenceSchema } from '../../../contract/knowledge.ts';
import { EVIDENCE_SOURCE_LABELS } from '../../../domain/knowledge/evidence.ts';
import { formatDate } from '../../shared/format.ts';
import { ageWords } from './labels.ts';

export type EvidenceView = z.infer<typeof evidenceSchema>;

/** The customer's words, as a quotation. */
export function EvidenceQuote({ text, lineClamp }: { text: string | null; lineClamp?: number }) {
  if (!text) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        No words recorded
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconQuote size={14} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0, marginTop: 3 }} aria-hidden />
      <Text size="sm" c="gray.8" fs="italic" lineClamp={lineClamp} data-testid="evidence-text">
        {text}
      </Text>
    </Group>
  );
}

/**
 * "Kwame Lindqvist · Buyer said it · Nov 4, 2026 (22 days ago) · recorded by Zara Dubois"; a fact a
 * buyer confirmed again says so, and its age counts from then: "Aug 2, 2026 · re-confirmed on
 * Nov 20, 2026 (6 days ago)".
 */
export function EvidenceMeta({
  evidence,
  ageDays,
  verifiedAt = null,
  withRecorder = true,
}: {
  evidence: EvidenceView;
  ageDays?: number | null;
  verifiedAt?: string | null;
  withRecorder?: boolean;
}) {
  const age = ageDays !== undefined && ageDays !== null ? ` (${ageWords(ageDays)})` : '';
  const parts: string[] = [];
  if (evidence.contactName) parts.push(evidence.contactName);
  parts.push(EVIDENCE_SOURCE_LABELS[evidence.source]);
  return (
    <Text size="xs" c="dimmed">
      {parts.join(' · ')} ·{' '}
      <Tooltip label={`Observed on ${formatDate(evidence.observedAt)}`}>
        <Text span size="xs" c="dimmed" component="time" dateTime={evidence.observedAt}>
          {formatDate(evidence.observedAt)}
          {verifiedAt ? '' : age}
        </Text>
      </Tooltip>
      {verifiedAt ? (
        <Text span size="xs" c="teal.8" fw={600} data-testid="fact-reconfirmed">
          {' '}
          · re-confirmed on <time dateTime={verifiedAt}>{formatDate(verifiedAt)}</time>
          {age}
        </Text>
      ) : null}
      {withRecorder ? ` · recorded by ${evidence.recordedByName}` : ''}
    </Text>
  );
}
