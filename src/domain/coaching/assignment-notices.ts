import { addDays, dayInWords } from '../dates.ts';
import type { Notice, Reminder } from '../inbox/messages.ts';

// What the inbox says about learning assigned to a seller: to the seller when it is assigned and as
// its due date comes and goes; to the manager who assigned it when the seller completes it, when
// the app sees it applied on the deal, and once it is 3 or more days late. Each notice's key names
// the assignment and the step (and, for a step that can come round again after a reopen, when), so
// a step is told once however often it is written.

/** An assignment as its notices name it. */
export type AssignmentForNotice = {
  id: string;
  title: string;
  sellerName: string;
  assignedByName: string;
  dueDate: string;
  dealName: string | null;
};

/** Days overdue after which the manager who assigned the learning hears of it too. */
export const ASSIGNMENT_ESCALATE_AFTER_DAYS = 3;

const linkOf = (a: AssignmentForNotice) => `/development/${a.id}`;
const onDeal = (a: AssignmentForNotice) => (a.dealName ? ` on ${a.dealName}` : '');

export function assignedNotice(a: AssignmentForNotice): Notice {
  return {
    kind: 'assignment-assigned',
    subject: `New learning from ${a.assignedByName}: ${a.title}`,
    body: `${a.assignedByName} assigned you “${a.title}”${onDeal(a)}, due ${dayInWords(a.dueDate)}. Open it on My development to start.`,
    link: linkOf(a),
    dedupeKey: `assignment:${a.id}:assigned`,
  };
}

/** To the manager when the seller completes it; `awaitsDeal` when the deal must show it before it can be verified. */
export function completedNotice(a: AssignmentForNotice, at: string, awaitsDeal: boolean): Notice {
  return {
    kind: 'assignment-completed',
    subject: `${a.sellerName} completed “${a.title}”`,
    body: awaitsDeal
      ? `${a.sellerName} completed “${a.title}”${onDeal(a)}. The app will tell you when the deal’s knowledge shows it applied, for you to verify.`
      : `${a.sellerName} completed “${a.title}”: read their reflection and verify it, or reopen it.`,
    link: linkOf(a),
    dedupeKey: `assignment:${a.id}:completed:${at}`,
  };
}

/** To the manager when the app sees the work applied on the deal (the seller having completed it). */
export function appliedNotice(a: AssignmentForNotice, at: string): Notice {
  return {
    kind: 'assignment-applied',
    subject: `Applied: ${a.sellerName}’s “${a.title}”`,
    body: `The knowledge of ${a.dealName ?? 'the deal'} now meets the success condition of “${a.title}”, which ${a.sellerName} completed. Verify it.`,
    link: linkOf(a),
    dedupeKey: `assignment:${a.id}:applied:${at}`,
  };
}

/** An open assignment (assigned or in progress) as the reminder pass reads it. */
export type OpenAssignment = AssignmentForNotice & { orgId: string; sellerId: string; assignedBy: string };

/**
 * The reminders an open assignment warrants on `today`: the seller's the day before it is due and
 * once it is overdue; the manager who assigned it once it is 3 or more days overdue.
 */
export function assignmentReminders(a: OpenAssignment, today: string): Reminder[] {
  const base = { orgId: a.orgId, link: linkOf(a) };
  const reminders: Reminder[] = [];
  if (a.dueDate === addDays(today, 1)) {
    reminders.push({
      ...base,
      personId: a.sellerId,
      kind: 'assignment-due',
      subject: `Learning due tomorrow: ${a.title}`,
      body: `“${a.title}”, assigned by ${a.assignedByName}${onDeal(a)}, is due ${dayInWords(a.dueDate)}.`,
      dedupeKey: `assignment:${a.id}:due:${a.dueDate}`,
    });
  }
  if (a.dueDate < today) {
    reminders.push({
      ...base,
      personId: a.sellerId,
      kind: 'assignment-overdue',
      subject: `Learning overdue: ${a.title}`,
      body: `“${a.title}”${onDeal(a)} was due ${dayInWords(a.dueDate)} and is not completed. Complete it on My development, or talk to ${a.assignedByName} about a new date.`,
      dedupeKey: `assignment:${a.id}:overdue:${a.dueDate}`,
    });
  }
  if (a.dueDate <= addDays(today, -ASSIGNMENT_ESCALATE_AFTER_DAYS) && a.assignedBy !== a.sellerId) {
    reminders.push({
      ...base,
      personId: a.assignedBy,
      kind: 'team-assignment-overdue',
      subject: `${a.sellerName} is ${daysBetween(a.dueDate, today)} days late: ${a.title}`,
      body: `The learning you assigned ${a.sellerName}, “${a.title}”${onDeal(a)}, was due ${dayInWords(a.dueDate)} and is still open.`,
      dedupeKey: `assignment:${a.id}:escalated:${a.dueDate}`,
    });
  }
  return reminders;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
