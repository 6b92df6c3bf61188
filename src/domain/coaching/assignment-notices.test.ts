import { describe, expect, it } from 'vitest';
import { assignmentReminders, type OpenAssignment } from './assignment-notices.ts';

const assignment: OpenAssignment = {
  orgId: 'org',
  id: 'a1',
  title: 'Meet the economic buyer',
  sellerId: 'seller',
  sellerName: 'Sam Seller',
  assignedBy: 'manager',
  assignedByName: 'Max Manager',
  dueDate: '2026-11-20',
  dealName: 'Initech platform',
};

describe('the reminders an open assignment warrants', () => {
  it.each([
    ['2026-11-18', []],
    ['2026-11-19', ['seller:assignment-due:assignment:a1:due:2026-11-20']],
    ['2026-11-20', []],
    ['2026-11-21', ['seller:assignment-overdue:assignment:a1:overdue:2026-11-20']],
    ['2026-11-22', ['seller:assignment-overdue:assignment:a1:overdue:2026-11-20']],
    [
      '2026-11-23',
      [
        'seller:assignment-overdue:assignment:a1:overdue:2026-11-20',
        'manager:team-assignment-overdue:assignment:a1:escalated:2026-11-20',
      ],
    ],
  ])('on %s: %j', (today, expected) => {
    expect(assignmentReminders(assignment, today).map((r) => `${r.personId}:${r.kind}:${r.dedupeKey}`)).toEqual(
      expected,
    );
  });

  it('link to the assignment on My development and name the deal', () => {
    const [late, escalated] = assignmentReminders(assignment, '2026-11-24');
    expect(late!.link).toBe('/development/a1');
    expect(escalated!.subject).toBe('Sam Seller is 4 days late: Meet the economic buyer');
    expect(escalated!.body).toContain('on Initech platform');
  });
});
