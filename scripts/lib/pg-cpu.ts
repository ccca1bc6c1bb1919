import fs from 'node:fs';
import path from 'node:path';

/**
 * The CPU time a local PostgreSQL cluster has used so far, in ms: its postmaster's own, that of the backends and
 * workers it has reaped (cutime, cstime) and that of those still running. Read before and after a piece of work,
 * the difference is what the database spent on it, whatever else the machine was doing (wall-clock is not, on
 * 2 cores shared with other engineers). Linux only; null where /proc cannot tell.
 */
export function clusterCpuMs(dataDirectory: string): number | null {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    const fields = (pid: number | string) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = fields(postmaster);
    let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * tick;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = fields(entry);
        if (Number(f[1]) === postmaster) total += (Number(f[11]) + Number(f[12])) * tick;
      } catch {
        // gone meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}
