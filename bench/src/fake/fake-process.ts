import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One request in the fake's log. */
export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

/** Resource usage of the fake's process so far. */
export interface FakeUsage {
  /** User + system CPU time, in ms. */
  readonly cpuMs: number;
  readonly rssBytes: number;
}

/** The standalone fake registry running in a child process on 127.0.0.1. */
export interface FakeProcess {
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Latency the fake adds to every response, in ms. */
  readonly latencyMs: number;
  /** Empties the fake's request log. */
  clearRequests(): Promise<void>;
  /** Number of requests in the fake's log. */
  requestCount(): Promise<number>;
  /** The fake's request log. */
  requests(): Promise<LoggedRequest[]>;
  usage(): Promise<FakeUsage>;
  close(): Promise<void>;
}

/** Options of {@link startFakeProcess}. */
export interface FakeProcessOptions {
  /** Fixed latency added to every response (each request waits on its own timer, so concurrent requests overlap as on a network). */
  readonly latencyMs: number;
  /** JSON snapshot file to start from. */
  readonly stateFile?: string;
  /** How long to wait for the child to listen and for each answer, in ms. @defaultValue 60000 */
  readonly timeoutMs?: number;
}

const CHILD = fileURLToPath(new URL("./fake-child.mjs", import.meta.url));

/** Starts the fake registry server in a child process and waits until it listens. */
export async function startFakeProcess(options: FakeProcessOptions): Promise<FakeProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const args = ["--latency", String(options.latencyMs)];
  if (options.stateFile !== undefined) args.push("--state", options.stateFile);
  const child: ChildProcess = fork(CHILD, args, { execArgv: [], stdio: "inherit" });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let exited = false;

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the fake registry did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once("message", (message: { ready?: string }) => {
      clearTimeout(timer);
      if (typeof message.ready === "string") resolve(message.ready);
      else reject(new Error("unexpected first message from the fake registry"));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake registry exited with code ${code} before listening`));
    });
  });

  child.on("message", (message: { id?: number; result?: unknown; error?: string }) => {
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.result);
  });
  child.on("exit", (code) => {
    exited = true;
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`the fake registry exited (code ${code})`));
    }
    pending.clear();
  });

  function call<T>(op: string): Promise<T> {
    if (exited) return Promise.reject(new Error("the fake registry is not running"));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the fake registry did not answer "${op}" within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send({ id, op });
    });
  }

  return {
    url,
    latencyMs: options.latencyMs,
    clearRequests: () => call<void>("clear"),
    requestCount: () => call<number>("count"),
    requests: () => call<LoggedRequest[]>("requests"),
    usage: () => call<FakeUsage>("usage"),
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await call<void>("close").catch(() => child.kill());
      await gone;
    },
  };
}
