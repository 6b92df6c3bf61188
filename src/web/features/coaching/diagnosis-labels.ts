import type { DiagnosisStatus } from '../../../contract/diagnoses.ts';

export const STATUS_LABELS: Record<DiagnosisStatus, string> = {
  in_progress: 'In progress',
  concluded: 'Concluded',
  abandoned: 'Abandoned',
};

export const STATUS_COLORS: Record<DiagnosisStatus, string> = {
  in_progress: 'yellow',
  concluded: 'green',
  abandoned: 'gray',
};
