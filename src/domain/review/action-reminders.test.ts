import { describe, expect, it } from 'vitest';
import { actionReminders, type OpenAction } from './action-reminders.ts';

const action: OpenAction = {
  orgId: 'org',
  id: 'a1',
  opportunityId: 'o1',
  opportunityName: 'Initech platform',
  accountName: 'Initech',
  text: 'Book the economic buyer meeting',
  ownerId: 'seller',
  ownerName: 'Sam Seller',
  dueDate: '2026-11-20',
  createdBy: 'manager',
  createdByName: 'Max Manager',
};

describe('the reminders an open action warrants', () => {
  it.each([
    ['2026-11-17', []],
    ['2026-11-18', []],
    ['2026-11-19', ['seller:action-due:agreed-action:a1:due']],
    ['2026-11-20', []],
    ['2026-11-21', ['seller:action-overdue:agreed-action:a1:overdue']],
    ['2026-11-22', ['seller:action-overdue:agreed-action:a1:overdue']],
    [
      '2026-11-23',
      ['seller:action-overdue:agreed-action:a1:overdue', 'manager:team-action-overdue:agreed-action:a1:escalated'],
    ],
    [
      '2026-12-20',
      ['seller:action-overdue:agreed-action:a1:overdue', 'manager:team-action-overdue:agreed-action:a1:escalated'],
    ],
  ])('on %s: %j', (today, expected) => {
    expect(actionReminders(action, today).map((r) => `${r.personId}:${r.kind}:${r.dedupeKey}`)).toEqual(expected);
  });

  it('never escalates an action someone agreed with themselves', () => {
    const own = { ...action, createdBy: 'seller', createdByName: 'Sam Seller' };
    expect(actionReminders(own, '2026-11-30').map((r) => r.kind)).toEqual(['action-overdue']);
    expect(actionReminders(own, '2026-11-19')[0]!.body).toBe(
      'You took this on for Initech platform (Initech), to do by Nov 20, 2026: Book the economic buyer meeting',
    );
  });

  it('names the deal, the date, the action and who agreed it, and links to the deal', () => {
    const [due] = actionReminders(action, '2026-11-19');
    expect(due).toMatchObject({
      orgId: 'org',
      subject: 'Due tomorrow: Book the economic buyer meeting',
      link: '/opportunities/o1',
    });
    expect(due!.body).toContain('Max Manager');
    expect(due!.body).toContain('Initech platform (Initech)');
    expect(due!.body).toContain('by Nov 20, 2026');
    const [, escalated] = actionReminders(action, '2026-11-25');
    expect(escalated!.subject).toBe('Sam Seller is 5 days late: Book the economic buyer meeting');
  });
});
