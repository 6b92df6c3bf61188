import { addDays, dayInWords, daysBetween } from '../dates.ts';
import type { Reminder } from '../inbox/messages.ts';

/** An open action agreed on an open deal, with the names a reminder needs. */
export type OpenAction = {
  orgId: string;
  id: string;
  opportunityId: string;
  opportunityName: string;
  accountName: string;
  text: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  createdBy: string;
  createdByName: string;
};

/** Days overdue after which the manager who agreed the action hears of it too. */
export const ESCALATE_AFTER_DAYS = 3;

/**
 * The reminders an open action warrants on `today`: its owner's the day before it is due and once
 * it is overdue; the person who agreed it (when someone else) once it is 3 or more days overdue.
 * Each carries a key naming the action and the step, so a step is told once however often this runs.
 */
export function actionReminders(action: OpenAction, today: string): Reminder[] {
  const due = dayInWords(action.dueDate);
  const deal = action.accountName ? `${action.opportunityName} (${action.accountName})` : action.opportunityName;
  const base = { orgId: action.orgId, link: `/opportunities/${action.opportunityId}` };
  const reminders: Reminder[] = [];
  if (action.dueDate === addDays(today, 1)) {
    reminders.push({
      ...base,
      personId: action.ownerId,
      kind: 'action-due',
      subject: `Due tomorrow: ${action.text}`,
      body:
        action.createdBy === action.ownerId
          ? `You took this on for ${deal}, to do by ${due}: ${action.text}`
          : `You agreed with ${action.createdByName} to do this on ${deal} by ${due}: ${action.text}`,
      dedupeKey: `agreed-action:${action.id}:due`,
    });
  }
  if (action.dueDate < today) {
    reminders.push({
      ...base,
      personId: action.ownerId,
      kind: 'action-overdue',
      subject: `Overdue: ${action.text}`,
      body: `This action on ${deal} was due ${due} and is not marked done: ${action.text}. Mark it done on the deal once it is${action.createdBy === action.ownerId ? '.' : `, or agree a new date with ${action.createdByName}.`}`,
      dedupeKey: `agreed-action:${action.id}:overdue`,
    });
  }
  if (action.dueDate <= addDays(today, -ESCALATE_AFTER_DAYS) && action.createdBy !== action.ownerId) {
    reminders.push({
      ...base,
      personId: action.createdBy,
      kind: 'team-action-overdue',
      subject: `${action.ownerName} is ${daysBetween(action.dueDate, today)} days late: ${action.text}`,
      body: `The action you agreed with ${action.ownerName} on ${deal} was due ${due} and is still open: ${action.text}`,
      dedupeKey: `agreed-action:${action.id}:escalated`,
    });
  }
  return reminders;
}
