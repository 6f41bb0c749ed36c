import { cpus, loadavg, platform, release, totalmem } from "node:os";

/** Where a benchmark ran. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly loadAverage: readonly number[];
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGb: totalmem() / 2 ** 30,
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: loadavg(),
  };
}
