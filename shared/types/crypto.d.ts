/**
 * Web Crypto's `getRandomValues` exists in every runtime shared/ runs in
 * (Node 20+, Chromium, workers) but in no TypeScript lib short of DOM or
 * Node's types; this declares just that call so that shared/ still cannot
 * reach DOM or Node APIs.
 */
interface Crypto {
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
}
declare const crypto: Crypto;
