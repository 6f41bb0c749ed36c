export type { AccessToken, TokenProvider, TokenRequestOptions } from "./types.js";
