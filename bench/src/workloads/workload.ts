import type { MlflowStore } from "@model-registry/mlflow-store";
import type { FakeProcess } from "../fake/fake-process.js";
import type { Fixture } from "../fixture.js";
import type { Send } from "../http/plain-http.js";

/** The three ways every workload is run. */
export type SeriesName = "ours" | "plugin" | "bound";

/** What a workload runs against. */
export interface WorkloadContext {
  readonly fake: FakeProcess;
  /** Plain-fetch JSON requests to the fake. */
  readonly send: Send;
  /** `modelregistry+http://…` URI of the fake. */
  readonly trackingUri: string;
  /** The store's `concurrency` setting, also the lower bound's. */
  readonly concurrency: number;
  readonly fixture: Fixture;
  /** A fresh store on the fake, as a new process would create it. */
  newStore(concurrency?: number): MlflowStore;
}

/**
 * The round-trip model of a workload's lower bound: `roundTrips(c) × latency`, where
 * `roundTrips(c)` = dependent round trips + ⌈independent requests ÷ c⌉.
 */
export interface BoundModel {
  /** Requests the bound needs. */
  readonly requests: number;
  roundTrips(concurrency: number): number;
  /** The formula in words, for the report. */
  readonly formula: string;
}

/** A scalable workload is a sequence of identical units; a time-capped run measures a prefix. */
export interface WorkloadUnits {
  readonly count: number;
  /** Fewest units a prefix may have (e.g. one full batch of the async queue). */
  readonly min: number;
  /** Name of one unit in the report, e.g. "points". */
  readonly name: string;
  /** Measured quantity per unit for the report (e.g. 100 points per step): count shown = units × this. */
  readonly shownPerUnit: number;
}

/** One benchmark workload, run three ways. `S` is the per-run state `prepare` makes. */
export interface Workload<S = unknown> {
  readonly id: string;
  readonly title: string;
  /** How ours, the plugin's sequence and the bound are made up, for the report. */
  readonly notes: { readonly ours: string; readonly plugin: string; readonly bound: string };
  /** Present when the workload can be measured on a prefix and extrapolated. */
  readonly units?: WorkloadUnits;
  /** Requests of the plugin's full sequence. */
  readonly pluginRequests: number;
  /**
   * Round trips on the plugin's critical path: its requests, unless MLflow runs some of them at
   * once (async logging's worker threads). @defaultValue pluginRequests
   */
  readonly pluginRoundTrips?: number;
  bound(units?: number): BoundModel;
  /** Untimed set-up of one repetition of one series (a fresh store, a run to write to…). */
  prepare(ctx: WorkloadContext, series: SeriesName): Promise<S>;
  /** The SDK: the store, client or fluent API, as a user calls it. `units` ≤ `units.count`. */
  ours(ctx: WorkloadContext, state: S, units: number): Promise<void>;
  /** The plugin's request sequence (`send` may stop it early once its budget is spent). */
  plugin(ctx: WorkloadContext, state: S, send: Send): Promise<void>;
  /** The lower bound's requests with plain fetch at `ctx.concurrency`. */
  lowerBound(ctx: WorkloadContext, state: S, units: number): Promise<void>;
}
