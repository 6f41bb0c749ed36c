#!/usr/bin/env node
// Packs every publishable package, installs the tarballs into an empty project with npm, and
// imports each entry point from ESM (.mjs) and CommonJS (.cjs); then type-checks a consumer file
// under NodeNext so the shipped .d.ts / .d.cts resolve for both module kinds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const packages = readdirSync(join(root, "packages")).map((dir) => join(root, "packages", dir));
const work = mkdtempSync(join(tmpdir(), "mr-smoke-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

try {
  const entries = [];
  const tarballs = [];
  for (const dir of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (manifest.private) continue;
    const out = run("pnpm", ["pack", "--pack-destination", work], dir).trim().split("\n").pop();
    tarballs.push(out.startsWith("/") ? out : join(work, out));
    for (const sub of Object.keys(manifest.exports ?? {})) {
      if (sub === "./package.json") continue;
      entries.push(sub === "." ? manifest.name : `${manifest.name}/${sub.slice(2)}`);
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
  console.log(`types ok: ${entries.join(", ")} resolve from ESM and CJS`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
