// An exclusive lock on the embedded database's data directory. Two PGlite instances on one
// directory both open fine and silently lose data, so a second opener must be refused.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${ownerPid}. ` +
        'Stop that process first, or point LEASEBOOK_DATA_DIR at another directory ' +
        '(or set DATABASE_URL to use a PostgreSQL server).',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (a file beside the directory holding the owner's pid); returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: number };
          if (owner.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let ownerPid = Number.NaN;
      try {
        ownerPid = Number((JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown }).pid);
      } catch {
        // Unreadable lock file (crash while writing it): treat as stale.
      }
      if (Number.isInteger(ownerPid) && isAlive(ownerPid)) throw new DataDirLockedError(dataDir, ownerPid);
      // The owner died (kill -9, power loss): the lock is stale, take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}: the lock file keeps reappearing.`);
}
