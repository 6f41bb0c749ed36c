import { parseArgs } from "node:util";
import { startFakeRegistryServer } from "./server/start-fake-registry-server.js";

const USAGE = `Usage: model-registry-fake serve [options]

Serves a fake Kubeflow Model Registry (API v1alpha3) until SIGINT or SIGTERM, and prints its URL
and the MLflow tracking URI to use (MLFLOW_TRACKING_URI=modelregistry+http://host:port).

Options:
  --port <n>            port to listen on (0 picks a free one)     default 8080
  --host <addr>         interface to bind                          default 127.0.0.1
  --state-file <path>   load state from, and persist it to, a JSON file
  --latency-ms <n>      delay every response by n milliseconds
  --require-token <t>   require "Authorization: Bearer <t>" (401 otherwise)
  --max-body-bytes <n>  answer 413 to request bodies over n bytes   default 16777216
  --seed <n>            seed for latency and fault draws
  -h, --help            show this help
`;

function fail(message: string): never {
  process.stderr.write(`model-registry-fake: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) fail(`--${name} must be a non-negative integer`);
  return parsed;
}

async function main(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals[0] !== "serve" || positionals.length > 1) fail("expected the command `serve`");
  const latencyMs = integer(values["latency-ms"], "latency-ms");
  const seed = integer(values.seed, "seed");
  const maxBodyBytes = integer(values["max-body-bytes"], "max-body-bytes");
  if (maxBodyBytes === 0) fail("--max-body-bytes must be a positive integer");
  const server = await startFakeRegistryServer({
    host: values.host ?? "127.0.0.1",
    port: integer(values.port, "port") ?? 8080,
    ...(values["state-file"] !== undefined ? { stateFile: values["state-file"] } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(maxBodyBytes !== undefined ? { maxRequestBodyBytes: maxBodyBytes } : {}),
    ...(values["require-token"] !== undefined ? { requireToken: values["require-token"] } : {}),
    requestLogLimit: 1000,
  });
  const trackingUri = server.url.replace(/^http:/, "modelregistry+http:");
  // The token itself is never printed.
  const token =
    values["require-token"] === undefined
      ? ""
      : " MODEL_REGISTRY_TOKEN=<the --require-token value> MODEL_REGISTRY_ALLOW_INSECURE_AUTH=true";
  process.stdout.write(
    `model-registry-fake listening on ${server.url}\n` +
      `MLflow tracking URI: MLFLOW_TRACKING_URI=${trackingUri}${token}\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => {
        process.stdout.write(`model-registry-fake stopped (${signal})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`model-registry-fake: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "state-file": { type: "string" },
      "latency-ms": { type: "string" },
      "require-token": { type: "string" },
      seed: { type: "string" },
      "max-body-bytes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`model-registry-fake: ${(error as Error).message}\n`);
  process.exit(1);
});
