// The lab names its database images by the version their server reports (`mariadbd --version`),
// the lines below as Debian 12's and Debian 13's servers print them.
import { describe, expect, it } from 'vitest';
import { serverVersion } from '../../engine/lab/systems/inatrace-mariadb.js';

describe('serverVersion', () => {
  it('reads X.Y.Z from Debian 12 and Debian 13 MariaDB', () => {
    expect(serverVersion('mariadbd  Ver 10.11.18-MariaDB-0+deb12u1 for debian-linux-gnu on x86_64 (Debian 12)\n')).toBe('10.11.18');
    expect(serverVersion('mariadbd  Ver 11.8.9-MariaDB-0+deb13u1 from Debian for debian-linux-gnu on x86_64 (-- Please help get to 10k stars at https://github.com/MariaDB/Server)')).toBe('11.8.9');
  });
  it('gives nothing rather than a made-up version', () => {
    expect(serverVersion('')).toBeUndefined();
    expect(serverVersion('mariadbd: unknown option --version')).toBeUndefined();
    expect(serverVersion('mariadbd  Ver 11.8-MariaDB')).toBeUndefined();
  });
});
