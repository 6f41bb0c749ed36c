// Time of one `GET /experiment?name=<pattern>` and one `filterQuery=name LIKE "<pattern>"` listing
// against 20 experiments with 30-character names, for patterns of k `%a` before a `b` that never
// comes: the case that made a backtracking regex take seconds per name.
// Usage: pnpm --filter @model-registry/testing build && node bench/like.mjs
//   BENCH_FAKE=<path to an index.js>  measure another build of the fake (e.g. an older one)
//   BENCH_K="4,8,12"                   the values of k
import { fileURLToPath, pathToFileURL } from "node:url";

const FAKE = process.env.BENCH_FAKE ?? fileURLToPath(new URL("../dist/index.js", import.meta.url));
const { createFakeRegistry } = await import(pathToFileURL(FAKE).href);
const KS = (process.env.BENCH_K ?? "4,8,10,11,12,13,100,1000").split(",").map(Number);
const base = "http://fake.test/api/model_registry/v1alpha3";

const fake = createFakeRegistry();
for (let i = 0; i < 20; i++) {
  const name = `${"a".repeat(28)}${String(i).padStart(2, "0")}`;
  await fake.fetch(`${base}/experiments`, { method: "POST", body: JSON.stringify({ name }) });
}

async function timed(url) {
  const started = performance.now();
  const response = await fake.fetch(url);
  await response.text();
  return { ms: performance.now() - started, status: response.status };
}

console.log(`node ${process.version}, fake ${FAKE}`);
console.log("k      GET /experiment?name=   list with filterQuery LIKE");
for (const k of KS) {
  const pattern = `${"%a".repeat(k)}%b`;
  const byName = await timed(`${base}/experiment?name=${encodeURIComponent(pattern)}`);
  const filter = encodeURIComponent(`name LIKE "${pattern}"`);
  const listed = await timed(`${base}/experiments?filterQuery=${filter}`);
  console.log(
    `${String(k).padEnd(6)} ${byName.ms.toFixed(1).padStart(10)} ms (${byName.status})   ${listed.ms.toFixed(1).padStart(10)} ms (${listed.status})`,
  );
}
