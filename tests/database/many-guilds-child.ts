// Child process of handle-budget.test.ts, started under `ulimit -n 1024`: opens GUILDS guild
// databases through one manager (default database.maxOpen, derived from the fd limit), writes a
// row to each, then reads every one back. Prints one JSON line with what it saw.
import { DatabaseManager } from '../../src/main/runtime/database/database-manager';
import { IntegerField, TextField, defineModel } from '../../src/main/runtime/database/index';
import { openFileLimit } from '../../src/main/runtime/database/fd-limit';
import { createLogging } from '../../src/main/runtime/logging/logging';

const [dataDir, count] = [process.argv[2]!, Number(process.argv[3])];
const Member = defineModel('Member', { name: TextField(), points: IntegerField() });

async function main(): Promise<void> {
  const logging = createLogging({ level: 'warn', console: false });
  const manager = new DatabaseManager({ dataDir, logger: logging.child('database') });
  await manager.registerModel(Member);
  const failures: string[] = [];
  let maxOpenSeen = 0;
  for (let g = 0; g < count; g++) {
    try {
      const db = await manager.getDb(`discord-${g}`);
      const m = await db.new(Member);
      m.name = `member of ${g}`;
      m.points = g;
      await m.save();
      maxOpenSeen = Math.max(maxOpenSeen, manager.openCount);
    } catch (err) {
      failures.push(`${g}: ${(err as Error).message}`);
    }
  }
  let verified = 0;
  for (let g = 0; g < count; g++) {
    try {
      const db = await manager.getDb(`discord-${g}`);
      const rows = await db.query(Member).all();
      if (rows.length === 1 && rows[0]!.points === g) verified++;
      else failures.push(`${g}: read back ${JSON.stringify(rows.map((r) => r.toJSON()))}`);
    } catch (err) {
      failures.push(`${g}: ${(err as Error).message}`);
    }
  }
  await manager.close();
  process.stdout.write(
    `${JSON.stringify({ limit: openFileLimit(), maxOpen: manager.maxOpen, maxOpenSeen, verified, failures: failures.slice(0, 5), failed: failures.length })}\n`,
  );
}

void main();
