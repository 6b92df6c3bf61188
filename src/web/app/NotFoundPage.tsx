import { NotFoundState } from '../shared/states.tsx';

export function NotFoundPage() {
  return (
    <NotFoundState
      title="Page not found"
      description="The address may be mistyped, or the page has moved."
      backTo="/opportunities"
      backLabel="Go to opportunities"
    />
  );
}
