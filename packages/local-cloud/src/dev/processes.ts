import { readdirSync, readFileSync } from 'node:fs';

/** One line of the process table, from /proc/<pid>/stat (Linux). */
export interface ProcessInfo {
  pid: number;
  /** R, S, D, Z (zombie), ... */
  state: string;
  ppid: number;
  /** Process group id. */
  pgrp: number;
}

/** Every process, from /proc; one that ends while we look is left out. */
export const listProcesses = (): ProcessInfo[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // pid (comm) state ppid pgrp ... ; comm may contain spaces, so split after the last ')'.
        const [state = '', ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(entry), state, ppid: Number(ppid), pgrp: Number(pgrp) }];
      } catch {
        return [];
      }
    });

/** Process ids in process group `group`, other than zombies. */
export const processGroupMembers = (group: number): number[] =>
  listProcesses()
    .filter((info) => info.pgrp === group && info.state !== 'Z')
    .map((info) => info.pid);

const rssBytes = (pid: number): number => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // ended while we looked
  }
};

/** Resident memory (bytes) of a process and all its descendants, from /proc (Linux). */
export const treeRssBytes = (rootPid: number): number => {
  const processes = listProcesses();
  const parents = new Map(processes.map((info) => [info.pid, info.ppid]));
  const inTree = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; current = parents.get(current) ?? 0, hops += 1) {
      if (current === rootPid) return true;
    }
    return false;
  };
  return processes.filter((info) => inTree(info.pid)).reduce((sum, info) => sum + rssBytes(info.pid), 0);
};
