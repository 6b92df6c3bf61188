import { processIo } from './io.ts';
import { runWinsight } from './program.ts';

// `winsight <command>`: every command reads DATABASE_URL (default ./data/winsight.sqlite).
const code = await runWinsight(process.argv.slice(2), processIo);
// a command that failed stops now, as it always has; one that succeeded ends when its work does
// (`serve` goes on serving)
if (code !== 0) process.exit(code);
