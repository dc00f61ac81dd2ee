// Rebuild throughput and memory: `scripts/projections-rebuild.ts` as a child process on prepared
// bench data, its peak RSS sampled from /proc/<pid>/status (VmHWM, the kernel's high-water mark).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { ROOT } from '../lib/processes';

export interface RebuildFigure {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

/** Peak resident set of a process and its descendants (the tsx wrapper starts node under it). */
function peakRssKb(pid: number): number {
  let peak = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]));
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const child of children.split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {}
  };
  visit(pid);
  return peak;
}

export function measureRebuild(
  env: NodeJS.ProcessEnv,
  events: number,
  logFile: string,
): Promise<RebuildFigure> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'a');
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'scripts/projections-rebuild.ts'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', log, log],
      },
    );
    let peak = 0;
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, peakRssKb(child.pid));
    }, 200);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      fs.closeSync(log);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`projections:rebuild exited with ${code}; see ${logFile}`));
      else resolve({ events, seconds, eventsPerSecond: events / seconds, peakRssMb: peak / 1024 });
    });
  });
}
