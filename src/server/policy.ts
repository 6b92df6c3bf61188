import { isAdmin, type Actor } from '../domain/access.ts';
import { AppError } from './errors.ts';

// Who may do what, in one place. Record visibility itself is enforced in the repositories'
// queries (scope.repo.ts), so a record outside your scope simply is not found (404).

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('forbidden', 'Only an administrator can do this');
}

export function requireManagerOrAdmin(actor: Actor): void {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only a manager or an administrator can do this');
}
