// Process groups (Node only): whether a group a server was started in still has a running member.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Whether process group `pgid` has a member that is not a zombie. A process ended after its parent
 * waits for PID 1 to reap it, and where PID 1 is slow to (a container's), its zombie would keep the
 * group "alive" through the whole grace period. Read from /proc where there is one; elsewhere
 * every member counts.
 */
export function livingMember(pgid: number): boolean {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so after the last ")".
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === pgid && state !== "Z" && state !== "X";
    } catch {
      return false; // Gone since the listing.
    }
  });
}
