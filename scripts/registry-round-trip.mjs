#!/usr/bin/env node
// Proves that the packages install from a registry, as users will install them:
//
// 1. starts a local npm registry (verdaccio, in this process) on 127.0.0.1 and a free port, and
//    makes it the registry of the @model-registry scope; third-party packages come from the
//    machine's npm registry (`npm config get registry`), as they will for users;
// 2. publishes all four packages to it with the real release command (`pnpm release`: build, then
//    `changeset publish`; `--no-git-tag` so that no git tag is created);
// 3. in two empty temporary projects, installs `@model-registry/mlflow-store` alone, and
//    `@model-registry/testing` with `msw@2`, by name with npm;
// 4. starts the installed `model-registry-fake` CLI, logs runs to it from the store's project
//    with the MLflow client (tracking URI taken from what the CLI printed), runs the fake in
//    process with MSW in the other project, checks ESM and CommonJS entry points, the shipped
//    LICENSE and metadata, and type-checks a consumer file in each project.
//
// Nothing outside a temporary directory is written except npm's download cache, kept in
// node_modules/.cache/registry-round-trip: npm and pnpm run with a temporary user config and
// global config (the user's ~/.npmrc and credentials are never read), every inherited npm/pnpm
// setting is dropped, and the registry, the fake CLI and every child process are stopped before
// it exits. Usage: node scripts/registry-round-trip.mjs [--keep] (keep the temporary directory).
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const require = createRequire(join(root, "package.json"));
const started = performance.now();
const keep = process.argv.includes("--keep");
const SCOPE = "@model-registry";
const PACKAGES = ["auth", "registry-client", "mlflow-store", "testing"].map((dir) => ({
  dir,
  name: `@model-registry/${dir}`,
}));

const elapsed = (from = started) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`  ${line}`);

class StepError extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
  }
}

/** Children still running, stopped when the round trip ends early. */
const running = new Set();

/** Runs a command to completion; resolves to its output, rejects with the output as `log`. */
function run(command, args, { cwd, env, timeoutMs = 180_000 }) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    child.once("exit", () => running.delete(child));
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      fail(new StepError(`${command} could not start: ${error.message}`, log));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done(log);
      else {
        const why = signal ? `was stopped (${signal})` : `exited with ${code}`;
        fail(new StepError(`${command} ${args.join(" ")} ${why}`, log));
      }
    });
  });
}

/**
 * The environment of every child: ours without any npm or pnpm setting, registry token, or
 * MLflow / Model Registry setting of the developer's, plus `extra`.
 */
function cleanEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|MLFLOW_|MODEL_?REGISTRY_)/i.test(key)) continue;
    if (/^(NPM_TOKEN|NODE_AUTH_TOKEN|KUBECONFIG)$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Starts verdaccio for the @model-registry scope only: it serves what is published to it. */
async function startRegistry(work) {
  const { runServer } = require("verdaccio");
  const version = JSON.parse(
    readFileSync(require.resolve("verdaccio/package.json"), "utf8"),
  ).version;
  const server = await runServer({
    self_path: work,
    storage: join(work, "storage"),
    auth: { htpasswd: { file: join(work, "htpasswd"), max_users: 1 } },
    uplinks: {},
    packages: { "@model-registry/*": { access: "$all", publish: "$authenticated" } },
    log: { type: "stdout", format: "pretty", level: "error" },
    web: { enable: false },
    max_body_size: "100mb",
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const close = () =>
    new Promise((done) => {
      server.closeAllConnections?.();
      server.close(() => done());
    });
  return { url, version, close };
}

/** Creates the registry user that publishes, and returns its token. */
async function addUser(registry) {
  const response = await fetch(`${registry}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: `pw-${process.pid}-${Date.now()}` }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== "string") {
    throw new StepError(`could not create the registry user (HTTP ${response.status})`, "");
  }
  return body.token;
}

/** Starts the installed fake CLI and resolves once it printed its tracking URI. */
function startFakeCli(bin, env) {
  const child = spawn(bin, ["serve", "--port", "0"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise((done) => child.once("exit", done));
  const ready = new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new StepError("the fake CLI printed no URL", output)),
      15_000,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = /MLFLOW_TRACKING_URI=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new StepError(`the fake CLI exited with ${code}`, output));
    });
    child.once("error", (error) => fail(new StepError(error.message, output)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    return output;
  };
  return { ready, stop };
}

const STORE_CHECK = `
import { inspect } from "node:util";
import { createMlflowClient, isMlflowError } from "@model-registry/mlflow-store";

const client = createMlflowClient();
const experimentId = await client.createExperiment("round-trip");
const run = await client.createRun(experimentId, { runName: "from-the-registry" });
await client.logParam(run.info.runId, "learning_rate", 0.1);
await client.logMetric(run.info.runId, "accuracy", 0.93, { step: 1 });
await client.setTerminated(run.info.runId);
const { items } = await client.searchRuns(experimentId, { filterString: "metrics.accuracy > 0.9" });
if (items.length !== 1 || items[0].data.params.learning_rate !== "0.1") {
  throw new Error("searchRuns did not find the run: " + JSON.stringify(items));
}
const missing = await client.getExperiment("987654").catch((error) => error);
if (!isMlflowError(missing) || missing.errorCode !== "RESOURCE_DOES_NOT_EXIST") throw missing;
if (!inspect(missing).startsWith("MlflowError: ")) throw new Error("error prints as " + inspect(missing));
console.log("logged and found run " + run.info.runId);
`;

const STORE_CJS_CHECK = `
const store = require("@model-registry/mlflow-store");
const client = require("@model-registry/registry-client");
if (typeof store.createMlflowClient !== "function" || typeof client.createRegistryClient !== "function") {
  throw new Error("CommonJS entry points are missing exports");
}
`;

const STORE_TYPES = `
import { createMlflowClient, type MlflowClient, type Run } from "@model-registry/mlflow-store";

const client: MlflowClient = createMlflowClient({
  trackingUri: "modelregistry+https://registry.example:443",
  timeoutMs: 10_000,
  retry: { maxAttempts: 3 },
});

export async function best(experimentId: string): Promise<Run | undefined> {
  const { items } = await client.searchRuns(experimentId, { orderBy: ["metrics.accuracy DESC"] });
  return items[0];
}

// @ts-expect-error metric values are numbers
void client.logMetric("run", "loss", "0.5");
`;

const TESTING_CHECK = `
import { setupFakeRegistry, startFakeRegistryServer } from "@model-registry/testing/node";

const fake = setupFakeRegistry();
fake.listen();
const created = await fetch("http://registry.test/api/model_registry/v1alpha3/experiments", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ name: "in-process" }),
});
await fake.close();
if (created.status !== 201) throw new Error("in-process fake answered " + created.status);
const server = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
const listed = await fetch(server.url + "/api/model_registry/v1alpha3/experiments");
await server.close();
if (listed.status !== 200) throw new Error("fake server answered " + listed.status);
console.log("fake registry in process (MSW) and on a port: ok");
`;

const TESTING_TYPES = `
import { createFakeRegistry, type FakeRegistry } from "@model-registry/testing";
import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";

export const fake: FakeRegistry = createFakeRegistry({ seed: 1 });
export const server: Promise<FakeRegistryServer> = startFakeRegistryServer({ port: 0 });
`;

async function writeProject(dir, files) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "package.json"),
    JSON.stringify({ name: `round-trip-${dir.split("/").pop()}`, private: true, type: "module" }),
  );
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

/**
 * One TypeScript program over both projects' consumer files (each resolves the packages installed
 * in its own project), with the repository's compiler and Node types.
 */
async function writeTsconfig(work, files) {
  await writeFile(
    join(work, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
      },
      files,
    }),
  );
}

/** The installed packages carry the repository's LICENSE and their registry metadata. */
function checkInstalledMetadata(projectDir, names) {
  const license = readFileSync(join(root, "LICENSE"), "utf8");
  for (const name of names) {
    const dir = join(projectDir, "node_modules", name);
    if (readFileSync(join(dir, "LICENSE"), "utf8") !== license) {
      throw new StepError(`${name} was installed without the LICENSE`, "");
    }
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const field of ["description", "license", "repository", "homepage", "bugs", "keywords"]) {
      if (!manifest[field])
        throw new StepError(`${name} has no "${field}" in its package.json`, "");
    }
    if (manifest.repository.directory !== `packages/${name.split("/")[1]}`) {
      throw new StepError(`${name}: repository.directory is ${manifest.repository.directory}`, "");
    }
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (!/^\^/.test(range)) throw new StepError(`${name}: dependency ${dep} is "${range}"`, "");
    }
  }
}

async function main(work) {
  const uplink = (
    await promisify(execFile)("npm", ["config", "get", "registry"], { cwd: work })
  ).stdout.trim();
  const registry = await startRegistry(work);
  say(
    `local registry for @model-registry: verdaccio ${registry.version} at ${registry.url}; other packages from ${uplink}`,
  );
  const cleanups = [registry.close];
  try {
    const token = await addUser(registry.url);
    const userconfig = join(work, "npmrc");
    const globalconfig = join(work, "npmrc-global");
    const host = registry.url.replace(/^http:/, "");
    await writeFile(
      userconfig,
      `registry=${uplink}\n${SCOPE}:registry=${registry.url}\n${host}:_authToken=${token}\n`,
    );
    await writeFile(globalconfig, "");
    const env = cleanEnv({
      npm_config_userconfig: userconfig,
      npm_config_globalconfig: globalconfig,
      npm_config_registry: uplink,
      [`npm_config_${SCOPE}:registry`]: registry.url,
      npm_config_cache: join(root, "node_modules/.cache/registry-round-trip/npm"),
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      npm_config_provenance: "false",
    });

    // Both package managers must see the local registry for the scope before anything is
    // published.
    for (const tool of ["npm", "pnpm"]) {
      const args = ["config", "get", `${SCOPE}:registry`];
      const seen = (await run(tool, args, { cwd: root, env })).trim();
      if (seen.replace(/\/?$/, "/") !== registry.url) {
        throw new StepError(`${tool} would publish to ${seen}, not to ${registry.url}`, "");
      }
    }

    let from = performance.now();
    const releaseLog = await run("pnpm", ["run", "release", "--no-git-tag"], { cwd: root, env });
    const published = [];
    for (const { name } of PACKAGES) {
      const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
      const body = response.ok ? await response.json() : {};
      const latest = body["dist-tags"]?.latest;
      if (!latest) throw new StepError(`${name} is not on the local registry`, releaseLog);
      published.push(`${name}@${latest}`);
    }
    say(`pnpm release published ${published.join(", ")} (${elapsed(from)})`);

    from = performance.now();
    const storeApp = join(work, "store-app");
    const testingApp = join(work, "testing-app");
    await writeProject(storeApp, {
      "check.mjs": STORE_CHECK,
      "check.cjs": STORE_CJS_CHECK,
      "consumer.ts": STORE_TYPES,
    });
    await writeProject(testingApp, { "check.mjs": TESTING_CHECK, "consumer.ts": TESTING_TYPES });
    const install = ["install", "--no-audit", "--no-fund", "--loglevel=error"];
    await Promise.all([
      run("npm", [...install, "@model-registry/mlflow-store"], { cwd: storeApp, env }),
      run("npm", [...install, "@model-registry/testing", "msw@2"], { cwd: testingApp, env }),
    ]);
    say(
      `npm installed @model-registry/mlflow-store alone, and @model-registry/testing with msw@2, by name (${elapsed(from)})`,
    );
    if (existsSync(join(storeApp, "node_modules/@model-registry/testing"))) {
      throw new StepError("installing @model-registry/mlflow-store also installed the fake", "");
    }
    checkInstalledMetadata(storeApp, [
      "@model-registry/auth",
      "@model-registry/registry-client",
      "@model-registry/mlflow-store",
    ]);
    checkInstalledMetadata(testingApp, ["@model-registry/testing"]);
    say("each package carries the LICENSE, its metadata and caret ranges for its dependencies");

    from = performance.now();
    const runEnv = cleanEnv({});
    await writeTsconfig(work, ["store-app/consumer.ts", "testing-app/consumer.ts"]);
    const tsc = run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "."], {
      cwd: work,
      env: runEnv,
    });
    tsc.catch(() => undefined);
    const fake = (
      await run(process.execPath, ["check.mjs"], { cwd: testingApp, env: runEnv })
    ).trim();
    say(`testing: ${fake}`);
    const cli = startFakeCli(join(testingApp, "node_modules/.bin/model-registry-fake"), runEnv);
    cleanups.push(cli.stop);
    const trackingUri = await cli.ready;
    const storeEnv = cleanEnv({ MLFLOW_TRACKING_URI: trackingUri });
    const stored = await run(process.execPath, ["check.mjs"], { cwd: storeApp, env: storeEnv });
    await run(process.execPath, ["check.cjs"], { cwd: storeApp, env: runEnv });
    say(`mlflow-store: ${stored.trim()} in the installed fake CLI at ${trackingUri}`);
    await tsc;
    say(`consumer files type-check against the installed declarations (${elapsed(from)})`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

const work = await mkdtemp(join(tmpdir(), "mr-registry-"));
try {
  await main(work);
  console.log(`registry round trip ok (${elapsed()})`);
} catch (error) {
  console.error(`registry round trip FAILED: ${error.message}`);
  if (error.log) console.error(`--- output ---\n${error.log.trimEnd()}\n--- end of output ---`);
  if (!(error instanceof StepError)) console.error(error.stack);
  process.exitCode = 1;
} finally {
  for (const child of running) child.kill("SIGKILL");
  if (keep) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
