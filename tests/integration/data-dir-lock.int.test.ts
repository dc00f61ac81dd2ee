// The embedded database's data directory has one owner at a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '@/server/db/data-dir-lock';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-lock-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('data directory lock', () => {
  it('refuses a second owner with a message that says what to do', () => {
    const dir = path.join(root, 'a');
    const release = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/in use by process \d+.*LEASEBOOK_DATA_DIR/s);
    } finally {
      release();
    }
    lockDataDir(dir)();
  });

  it('takes over the lock of a process that died', () => {
    const dir = path.join(root, 'b');
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: dead, since: 'then' }));
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(`${dir}.lock`, 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
