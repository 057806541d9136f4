// A password read on stdin → Django's pbkdf2_sha256$<iterations>$<salt>$<base64> (what the backend checks).
import { pbkdf2Sync, randomBytes } from 'node:crypto';

const ITERATIONS = 100000;
let password = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (password += d));
process.stdin.on('end', () => {
  const salt = randomBytes(12).toString('base64url');
  const hash = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256').toString('base64');
  process.stdout.write(`pbkdf2_sha256$${ITERATIONS}$${salt}$${hash}\n`);
});
