#!/usr/bin/env node
// Packs every publishable package, installs the tarballs into an empty project with npm, and
// imports each entry point from ESM (.mjs) and CommonJS (.cjs); then type-checks a consumer file
// under NodeNext and under bundler resolution so the shipped .d.ts / .d.cts resolve for both
// module kinds. The packages' `default` export condition (browsers, workers) is covered too: its
// ESM and CJS files load and export the same names as the `node` ones, and each entry point
// bundles with esbuild for the browser and for workers without a Node built-in.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
// esbuild, as the browser suite pins it.
const esbuild = createRequire(join(root, "browser", "package.json"))("esbuild");
/** Entry points that are Node-only by name: never in a browser or worker bundle. */
const NODE_ONLY = new Set([
  "@model-registry/registry-client/s3",
  "@model-registry/testing/node",
  "@model-registry/testing/spec-validator",
]);
const packages = readdirSync(join(root, "packages")).map((dir) => join(root, "packages", dir));
const work = mkdtempSync(join(tmpdir(), "mr-smoke-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

try {
  const entries = [];
  const tarballs = [];
  /** Entry points whose exports branch on the `node` condition, with the `default` files. */
  const conditional = [];
  for (const dir of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (manifest.private) continue;
    const out = run("pnpm", ["pack", "--pack-destination", work], dir).trim().split("\n").pop();
    tarballs.push(out.startsWith("/") ? out : join(work, out));
    for (const sub of Object.keys(manifest.exports ?? {})) {
      if (sub === "./package.json") continue;
      const entry = sub === "." ? manifest.name : `${manifest.name}/${sub.slice(2)}`;
      entries.push(entry);
      const target = manifest.exports[sub];
      if (target?.node !== undefined) {
        if (target.default === undefined) throw new Error(`${entry}: "node" without "default"`);
        conditional.push({ entry, name: manifest.name, files: target.default });
      }
    }
  }
  const app = join(work, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "smoke", private: true }));
  run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...tarballs,
      "msw@2.15.0",
      "typescript@5.9.3",
      "@types/node@20.19.43",
    ],
    app,
  );
  const esm = entries.map(
    (e, i) =>
      `import * as m${i} from "${e}";\nif (Object.keys(m${i}).length === 0) throw new Error("${e}: no exports (esm)");`,
  );
  const cjs = entries.map(
    (e) =>
      `if (Object.keys(require("${e}")).length === 0) throw new Error("${e}: no exports (cjs)");`,
  );
  writeFileSync(
    join(app, "smoke.mjs"),
    `${esm.join("\n")}\nconsole.log("esm ok: ${entries.length} entry points");\n`,
  );
  writeFileSync(
    join(app, "smoke.cjs"),
    `${cjs.join("\n")}\nconsole.log("cjs ok: ${entries.length} entry points");\n`,
  );
  process.stdout.write(run(process.execPath, ["smoke.mjs"], app));
  process.stdout.write(run(process.execPath, ["smoke.cjs"], app));
  const types = entries.map(
    (e, i) => `import type * as t${i} from "${e}";\nexport type T${i} = typeof t${i};`,
  );
  writeFileSync(join(app, "types.mts"), types.join("\n"));
  writeFileSync(join(app, "types.cts"), types.join("\n"));
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ["node"],
      },
      files: ["types.mts", "types.cts"],
    }),
  );
  run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "."], app);
  // Bundler resolution: TypeScript's conditions are `types` and `import`, not `node`.
  writeFileSync(
    join(app, "tsconfig.bundler.json"),
    JSON.stringify({
      compilerOptions: {
        module: "ESNext",
        moduleResolution: "bundler",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ["ES2023", "DOM", "DOM.Iterable"],
      },
      files: ["types.mts"],
    }),
  );
  run(
    process.execPath,
    [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.bundler.json"],
    app,
  );
  console.log(`types ok: ${entries.join(", ")} resolve from ESM and CJS, and for bundlers`);

  // The `default` condition's files, loaded by path (Node itself always matches `node`).
  const sameNames = conditional.map(
    ({ entry, name, files }, i) =>
      `const node${i} = Object.keys(await import("${entry}")).sort().join();
const esm${i} = Object.keys(await import("./node_modules/${name}/${files.import.default.slice(2)}")).sort().join();
const cjs${i} = Object.keys(require("./node_modules/${name}/${files.require.default.slice(2)}")).sort().join();
if (esm${i} !== node${i} || cjs${i} !== node${i}) throw new Error("${entry}: the default condition's exports differ from the node condition's");`,
  );
  writeFileSync(
    join(app, "conditions.mjs"),
    `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
${sameNames.join("\n")}
console.log("default condition ok: ${conditional.map((c) => c.entry).join(", ")} load from ESM and CJS with the node condition's exports");
`,
  );
  process.stdout.write(run(process.execPath, ["conditions.mjs"], app));

  // Browser and worker bundles of every entry point that is not Node-only by name.
  const portable = entries.filter((entry) => !NODE_ONLY.has(entry));
  for (const [label, options] of [
    ["browser", { platform: "browser" }],
    ["worker", { platform: "neutral", conditions: ["worker"], mainFields: ["module", "main"] }],
  ]) {
    for (const entry of portable) {
      await esbuild.build({
        stdin: { contents: `export * from "${entry}";`, resolveDir: app },
        bundle: true,
        write: false,
        format: "esm",
        logLevel: "silent",
        ...options,
      });
    }
    console.log(`${label} bundles ok: ${portable.join(", ")}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
