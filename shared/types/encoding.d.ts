/**
 * The WHATWG Encoding API exists in every runtime shared/ runs in (Node,
 * Chromium, workers) but in no TypeScript lib short of DOM or Node's types;
 * this declares just the decoder so that shared/ still cannot reach DOM or
 * Node APIs.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecodeOptions {
  stream?: boolean;
}
interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};
interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};
