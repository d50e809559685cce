'use strict';
// Preloaded (`node -r`) into the `vigil scan` child of the scan benchmark: writes the process's own peak
// RSS and CPU time to VIGIL_BENCH_USAGE when it exits (the parent cannot read a child's resource usage).
const { readFileSync, writeFileSync } = require('node:fs');

/**
 * Peak RSS of this process's own memory (VmHWM on Linux). `resourceUsage().maxRSS` is not used: Linux
 * carries it across fork + exec, so the child would report the benchmark parent's peak.
 */
function peakRssMb() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const target = process.env.VIGIL_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssMb: peakRssMb(),
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      })
    );
  });
}
