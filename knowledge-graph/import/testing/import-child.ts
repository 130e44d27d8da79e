/**
 * Runs one generic import in its own process so a test can SIGKILL it mid-way. Prints a line per
 * progress event, which tells the parent batches are being committed.
 * Usage: node --import tsx import-child.ts <sqlite file> <jsonl file> <batch size>
 */
import { SqliteGraphStore } from '../../store/sqlite.js';
import { openDatabase } from '../../store/sqlite-db.js';
import { importGeneric } from '../generic.js';

const [dbPath, file, batch] = process.argv.slice(2);
const store = SqliteGraphStore.open(openDatabase(dbPath!));
const summary = await importGeneric(file!, 'jsonl', {
  store,
  batchSize: Number(batch),
  dataset: 'crash-test',
  onProgress: (e) => process.stdout.write(`progress ${e.done}\n`),
});
process.stdout.write(`done ${summary.written.nodesCreated}\n`);
