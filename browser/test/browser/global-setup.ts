import { type FakeRegistryServer, startFakeRegistryServer } from "@model-registry/testing/node";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the fake registry's HTTP server: another origin than the test page's. */
    fakeRegistryUrl: string;
    /** The same, behind a token (`Authorization: Bearer browser-token`). */
    lockedRegistryUrl: string;
  }
}

/** The token the locked server requires. */
export const BROWSER_TOKEN = "browser-token";

const servers: FakeRegistryServer[] = [];

/** Starts the fake registry on loopback ports for the browser tests (a cross-origin server). */
export async function setup(project: TestProject): Promise<void> {
  const open = await startFakeRegistryServer({ host: "127.0.0.1", port: 0 });
  servers.push(open);
  const locked = await startFakeRegistryServer({
    host: "127.0.0.1",
    port: 0,
    requireToken: BROWSER_TOKEN,
  });
  servers.push(locked);
  project.provide("fakeRegistryUrl", open.url);
  project.provide("lockedRegistryUrl", locked.url);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}
