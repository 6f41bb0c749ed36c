import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** Names of a Chromium or Chrome binary, most likely first (Debian's package is `chromium`). */
const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The system Chromium the browser suite drives (the test tools never download a browser):
 * env `CHROMIUM_PATH`, else the first of {@link NAMES} on `PATH`. Throws, saying how to install
 * one, when there is none.
 */
export function findChromium(env: Record<string, string | undefined> = process.env): string {
  const given = env["CHROMIUM_PATH"];
  if (given) {
    if (!executable(given)) throw new Error(`CHROMIUM_PATH=${given} is not an executable file`);
    return given;
  }
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    for (const name of NAMES) {
      const path = join(dir, name);
      if (dir !== "" && executable(path)) return path;
    }
  }
  throw new Error(
    "the browser suite needs Chromium: install it (Debian: apt-get install -y chromium; .ci/run " +
      "does this) or point CHROMIUM_PATH at a Chromium or Chrome binary",
  );
}
