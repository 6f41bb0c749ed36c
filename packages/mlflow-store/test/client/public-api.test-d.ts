import { describe, expectTypeOf, it } from "vitest";
import {
  type AsyncLoggingHandle,
  createFluent,
  createMlflowClient,
  type Experiment,
  type Fluent,
  getTrackingStore,
  type MlflowClient,
  type MlflowStore,
  type Run,
  withRun,
} from "../../src/index.js";

describe("public API types", () => {
  it("client methods return MLflow's shapes", () => {
    const client = createMlflowClient();
    expectTypeOf(client).toEqualTypeOf<MlflowClient>();
    expectTypeOf(client.createExperiment).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.getExperimentByName).returns.resolves.toEqualTypeOf<Experiment | null>();
    expectTypeOf(client.logParam).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.logBatchAsync).returns.toEqualTypeOf<AsyncLoggingHandle>();
    expectTypeOf(client.store).toEqualTypeOf<MlflowStore>();
    // @ts-expect-error metric values are numbers
    void client.logMetric("run", "loss", "0.5");
  });

  it("withRun passes the run and returns the callback's value", () => {
    expectTypeOf(withRun(async (run) => run.info.runId)).resolves.toEqualTypeOf<string>();
    expectTypeOf(createFluent().withRun((run) => run)).resolves.toEqualTypeOf<Run>();
    expectTypeOf(createFluent()).toEqualTypeOf<Fluent>();
  });

  it("async logging handles expose wait() and accepted", () => {
    const handle = getTrackingStore("modelregistry://").logBatchAsync("run", {});
    expectTypeOf(handle.wait).returns.resolves.toBeVoid();
    expectTypeOf(handle.accepted).resolves.toBeVoid();
  });
});
