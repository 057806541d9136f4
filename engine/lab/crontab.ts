/**
 * The crontab lines a runbook played in the lab added (INA-12 schedules the lab's
 * backup script): `lab down` removes the lines that name a file of this lab's
 * systems, and leaves every other line as it was.
 */
import { execa } from 'execa';
import { layout } from './paths.js';

/** Removes this lab's lines from the current user's crontab; the number removed (0 without `crontab` or a crontab). */
export async function removeLabCronLines(root: string): Promise<number> {
  const listed = await execa('crontab', ['-l'], { reject: false });
  if (listed.failed || listed.exitCode !== 0) return 0;
  const mark = layout(root).systemDir(''); // `<root>/systems/`: another lab's root is not a prefix of it
  const lines = listed.stdout.split('\n');
  const kept = lines.filter((l) => !l.includes(mark));
  const removed = lines.length - kept.length;
  if (removed === 0) return 0;
  const written = await execa('crontab', ['-'], { input: kept.length ? `${kept.join('\n')}\n` : '', reject: false });
  return written.exitCode === 0 ? removed : 0;
}
