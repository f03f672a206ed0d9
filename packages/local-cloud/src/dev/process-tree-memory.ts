import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory (bytes) of a process and all its descendants, from /proc (Linux). */
export const treeRssBytes = (rootPid: number): number => {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ... ; comm may contain spaces, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      rss.set(Number(entry), match ? Number(match[1]) * 1024 : 0);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; current = parents.get(current) ?? 0, hops += 1) {
      if (current === rootPid) return true;
    }
    return false;
  };
  return [...rss].filter(([pid]) => inTree(pid)).reduce((sum, [, bytes]) => sum + bytes, 0);
};
