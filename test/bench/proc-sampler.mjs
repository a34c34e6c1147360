// CPU and memory of processes from /proc (Linux): a process, its descendants (the embedded PostgreSQL), the machine.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, setPriority } from 'node:os';

const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64
const PAGE_KB = 4;

/**
 * Machine-wide CPU ticks from /proc/stat (busy = everything but idle and iowait). Steal (the 8th field) is time the
 * hypervisor ran someone else while this VM wanted to run: a whole-VM pause that no process's own timer can explain.
 */
export function systemTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + (line[4] ?? 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: total - idle, idle, steal: line[7] ?? 0 };
}

function readStat(pid) {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // fields[0] = state (field 3); utime = field 14, stime = field 15, ppid = field 4, rss pages = field 24
    return {
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      // cutime + cstime: the CPU of its children that have exited and been waited for (short-lived PostgreSQL backends)
      reapedTicks: Number(fields[13]) + Number(fields[14]),
      rssKb: Number(fields[21]) * PAGE_KB,
    };
  } catch {
    return undefined;
  }
}

/** Every descendant of `pid` (e.g. the embedded PostgreSQL postmaster and its backends). */
export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(entry);
    if (s) parentOf.set(Number(entry), s.ppid);
  }
  const out = [];
  const frontier = [pid];
  while (frontier.length) {
    const p = frontier.pop();
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      out.push(child);
      frontier.push(child);
    }
  }
  return out;
}

/**
 * Nanoseconds that the threads of `pid` (all of them, or only `tid`) spent runnable but waiting for a CPU
 * (/proc/<pid>/task/<tid>/schedstat, second field: the scheduler's run delay). NaN without schedstats.
 */
export function runDelayNs(pid, tid) {
  try {
    const tids = tid === undefined ? readdirSync(`/proc/${pid}/task`) : [String(tid)];
    let sum = 0;
    for (const t of tids) {
      try {
        sum += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[1]);
      } catch {
        /* the thread ended */
      }
    }
    return sum;
  } catch {
    return NaN;
  }
}

/**
 * Gives the V8 helper threads ("V8Worker": concurrent marking and sweeping) of the Node process `pid` the nice value
 * `nice`, as the server does to its own with GC_THREAD_NICE: the load generator and the relays get the same
 * treatment, so that a major GC in any of them takes only spare CPU. Answers how many threads it changed.
 */
export function niceGcThreads(pid, nice) {
  if (process.platform !== 'linux' || !(nice > 0)) return 0;
  let changed = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() !== 'V8Worker') continue;
      setPriority(Number(tid), nice);
      changed++;
    } catch {
      /* the thread ended */
    }
  }
  return changed;
}

/** VmHWM (peak RSS) of a process, in KiB. */
export function peakRssKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

export function rssKb(pid) {
  return readStat(pid)?.rssKb ?? NaN;
}

/**
 * Samples a process (and, separately, its descendants) every `intervalMs`: CPU ticks and RSS. `mark()` starts a
 * window; `window()` answers the CPU% of the process and of its children since the mark, and the RSS peak in it.
 */
export class ProcSampler {
  constructor(pid, intervalMs = 200) {
    this.pid = pid;
    this.children = descendants(pid);
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.mark();
  }

  refreshChildren() {
    this.children = descendants(this.pid);
  }

  /**
   * CPU ticks of the process itself, and of all its descendants: every live descendant's own ticks plus what it
   * reaped of its exited children (so backends that came and went between two samples are not lost).
   */
  ticks() {
    const own = readStat(this.pid)?.ticks ?? 0;
    this.refreshChildren();
    let kids = 0;
    let kidsRss = 0;
    for (const c of this.children) {
      const s = readStat(c);
      if (!s) continue;
      kids += s.ticks + s.reapedTicks;
      kidsRss += s.rssKb;
    }
    return { own, kids, kidsRss };
  }

  sample() {
    const rss = rssKb(this.pid);
    if (Number.isFinite(rss)) this.peak = Math.max(this.peak, rss);
    // The longest the server's main thread waited for a CPU within one sampling interval.
    const wait = runDelayNs(this.pid, this.pid);
    if (this.lastWait !== undefined) this.maxWaitNs = Math.max(this.maxWaitNs ?? 0, wait - this.lastWait);
    this.lastWait = wait;
  }

  /** Run delay (ns) of the main thread, of the descendants and of this load generator, now. */
  waits() {
    let kids = 0;
    for (const c of this.children) kids += runDelayNs(c) || 0;
    return { main: runDelayNs(this.pid, this.pid), kids, generator: runDelayNs(process.pid) };
  }

  mark() {
    const t = this.ticks();
    this.start = { at: performance.now(), system: systemTicks(), generator: process.cpuUsage(), waits: this.waits(), ...t };
    this.peak = rssKb(this.pid);
    this.maxWaitNs = 0;
    this.lastWait = runDelayNs(this.pid, this.pid);
  }

  window() {
    this.sample();
    const t = this.ticks();
    const seconds = (performance.now() - this.start.at) / 1000;
    const cpu = (ticks) => (ticks / CLK_TCK / seconds) * 100;
    const sys = systemTicks();
    const busy = sys.busy - this.start.system.busy;
    const all = busy + sys.idle - this.start.system.idle;
    const gen = process.cpuUsage(this.start.generator);
    const generatorPct = ((gen.user + gen.system) / 1e6 / seconds) * 100;
    const machinePct = all > 0 ? (busy / all) * 100 * cpus().length : NaN;
    const waits = this.waits();
    const waitPct = (key) => ((waits[key] - this.start.waits[key]) / 1e9 / seconds) * 100;
    return {
      seconds,
      // Every core of the machine, everything running on it (us, the load generator and anyone else): 100% = all cores busy.
      machineBusyPct: all > 0 ? (busy / all) * 100 : NaN,
      // Of it, stolen by the hypervisor (same scale: 100% = all cores).
      machineStealPct: all > 0 ? ((sys.steal - this.start.system.steal) / all) * 100 : NaN,
      // This load generator's CPU, and what the rest of the machine used (other users' work), in % of one core.
      generatorPct,
      othersPct: Math.max(0, machinePct - generatorPct - cpu(t.own - this.start.own) - cpu(t.kids - this.start.kids)),
      cpuPct: cpu(t.own - this.start.own),
      cpuSeconds: (t.own - this.start.own) / CLK_TCK,
      childCpuPct: cpu(t.kids - this.start.kids),
      childCpuSeconds: (t.kids - this.start.kids) / CLK_TCK,
      // Share of the wall clock that the server's main thread, its descendants (summed) and this generator spent
      // runnable but waiting for a CPU; and the server's longest such wait within one sampling interval.
      mainWaitPct: waitPct('main'),
      childWaitPct: waitPct('kids'),
      generatorWaitPct: waitPct('generator'),
      mainMaxWaitMs: this.maxWaitNs / 1e6,
      rssKb: rssKb(this.pid),
      peakRssKb: this.peak,
      childRssKb: t.kidsRss,
    };
  }

  stop() {
    clearInterval(this.timer);
  }
}

