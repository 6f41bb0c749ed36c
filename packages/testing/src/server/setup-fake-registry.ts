import { type SetupServer, setupServer } from "msw/node";
import { createFakeRegistry } from "../create-fake-registry.js";
import type { FakeRegistry, FakeRegistryOptions } from "../types.js";

/** A fake registry installed in MSW's node interceptor. @public */
export type FakeRegistryMswServer = FakeRegistry & {
  readonly server: SetupServer;
  /** Starts intercepting (`onUnhandledRequest: "error"`). */
  listen(): void;
  /** Stops intercepting and flushes the state file. */
  close(): Promise<void>;
};

/**
 * Creates a fake registry and an MSW `setupServer` with its handlers. Call `listen()` in
 * `beforeAll` and `close()` in `afterAll`; unhandled requests are errors.
 * @public
 */
export function setupFakeRegistry(options: FakeRegistryOptions = {}): FakeRegistryMswServer {
  const registry = createFakeRegistry(options);
  const server = setupServer(...registry.handlers);
  return Object.assign(registry, {
    server,
    listen: () => server.listen({ onUnhandledRequest: "error" }),
    close: async () => {
      server.close();
      await registry.flush();
    },
  });
}
