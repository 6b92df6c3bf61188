// npm run migrations:seal: records the checksum of each migration that has none yet, so the
// migration guard (migration-seals.test.ts) holds it from now on.
import { sealNewMigrations } from './migration-seals.ts';

const { sealed, breaches } = sealNewMigrations();
if (breaches.length > 0) {
  for (const breach of breaches) console.error(breach);
  process.exitCode = 1;
} else {
  console.log(sealed.length > 0 ? `sealed ${sealed.join(', ')}` : 'every migration is already sealed');
}
