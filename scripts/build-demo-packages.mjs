#!/usr/bin/env node
// Builds the packages the demo imports (`pnpm demo` runs it before the demo), saying so first:
// a first build takes a while and turbo prints nothing until it is done.
import { runTurbo } from "./turbo.mjs";

console.log(
  "Building the packages the demo uses (up to a minute the first time, cached after that)...",
);
process.exitCode = await runTurbo([
  "run",
  "build",
  "--filter=@model-registry/examples^...",
  "--output-logs=errors-only",
]);
