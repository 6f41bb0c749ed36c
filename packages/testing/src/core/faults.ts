import type { FaultRule } from "../types.js";
import { createRandom } from "./random.js";
import { API_PREFIX } from "./route-kit.js";

/** A fault chosen for one request. @internal */
export type ChosenFault = Required<Pick<FaultRule, "kind" | "phase">> & FaultRule;

/**
 * Picks faults deterministically: one seeded draw per matching rule per request, in rule order.
 * @internal
 */
export function createFaultPicker(rules: readonly FaultRule[], seed: number) {
  const random = createRandom(seed);
  const used = rules.map(() => 0);
  return (method: string, route: string | null): ChosenFault | undefined => {
    for (const [index, rule] of rules.entries()) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (
        rule.route !== undefined &&
        rule.route !== route &&
        `${API_PREFIX}${rule.route}` !== route
      ) {
        continue;
      }
      if (rule.times !== undefined && (used[index] ?? 0) >= rule.times) continue;
      if (random() >= (rule.rate ?? 1)) continue;
      used[index] = (used[index] ?? 0) + 1;
      return { ...rule, phase: rule.phase ?? "before" };
    }
    return undefined;
  };
}

/** A latency source: fixed or uniform in [min, max], seeded. @internal */
export function createLatency(
  latency: number | { readonly min: number; readonly max: number } | undefined,
  seed: number,
): (() => number) | undefined {
  if (latency === undefined) return undefined;
  if (typeof latency === "number") return latency > 0 ? () => latency : undefined;
  const random = createRandom(seed ^ 0x5bd1e995);
  return () => latency.min + random() * (latency.max - latency.min);
}
