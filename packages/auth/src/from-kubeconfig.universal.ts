import type * as NodeKubeconfig from "./from-kubeconfig.js";
import { TokenProviderError } from "./token-provider-error.js";

/**
 * `fromKubeconfig` in the universal build (browsers, workers): kubeconfig files live on a file
 * system and are read only on Node.js, so the provider always finds nothing configured here
 * (`tryNextProvider: true`) and a chain moves on.
 */
export const fromKubeconfig: typeof NodeKubeconfig.fromKubeconfig = () => async () => {
  throw new TokenProviderError("kubeconfig files are read only on Node.js", {
    tryNextProvider: true,
  });
};
