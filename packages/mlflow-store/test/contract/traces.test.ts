import { describe, expect, it } from "vitest";
import { isMlflowError, type MlflowStore } from "../../src/index.js";
import { MODES, useRegistryUnderTest } from "../support/registry-under-test.js";

const TRACE_METHODS = [
  "startTrace",
  "endTrace",
  "deleteTraces",
  "getTraceInfo",
  "searchTraces",
  "setTraceTag",
  "deleteTraceTag",
] as const satisfies readonly (keyof MlflowStore)[];

describe.each(MODES)("traces (%s)", (mode) => {
  const rt = useRegistryUnderTest(mode);

  it.each(TRACE_METHODS)(
    "%s rejects with NOT_IMPLEMENTED and says traces are not supported, without a request",
    async (method) => {
      const call = rt.store[method] as (...args: unknown[]) => Promise<never>;
      const error = await call("tr-1", "key", "value").catch((e: unknown) => e);
      expect(isMlflowError(error)).toBe(true);
      if (!isMlflowError(error)) return;
      expect(error.errorCode).toBe("NOT_IMPLEMENTED");
      expect(error.httpStatus).toBe(501);
      expect(error.message).toContain(`${method} is not supported`);
      expect(error.message).toContain("Kubeflow Model Registry");
      if (rt.isFake) expect(rt.requests()).toEqual([]);
    },
  );
});
