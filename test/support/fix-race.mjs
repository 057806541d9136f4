/**
 * Test seam for `lint --fix` (loaded with `node --import`, never by the
 * engine): another writer changes the file named by RUNBOOK_TEST_RACE_FILE
 * right after `--fix` has read it and synced its temporary file, that is
 * between the read and the rename.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const target = process.env.RUNBOOK_TEST_RACE_FILE;
const fsync = fs.fsyncSync;
let raced = false;
fs.fsyncSync = (fd) => {
  fsync(fd);
  if (!raced && target) {
    raced = true;
    fs.appendFileSync(target, '\nLínea añadida por otro editor.\n');
  }
};
syncBuiltinESMExports();
