import { REGISTRY_API_PREFIX, unwrap } from "@model-registry/registry-client";
import type { RegistryUnderTest } from "./registry-under-test.js";

let runCounter = 0;

/**
 * Creates a RUNNING run in `experimentId` with a raw registry POST (as any registry client writes
 * it, not through the store) and returns its id.
 */
export async function seedRegistryRun(
  rt: RegistryUnderTest,
  experimentId: string,
): Promise<string> {
  const run = await unwrap(
    rt.client.POST(`${REGISTRY_API_PREFIX}/experiment_runs`, {
      body: {
        experimentId,
        name: rt.unique(`run-${++runCounter}`),
        status: "RUNNING",
        state: "LIVE",
      },
    }),
  );
  return run.id as string;
}
