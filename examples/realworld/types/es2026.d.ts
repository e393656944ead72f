// Built-ins workerd ships (src/app/modern.ts uses them) that TypeScript 5.9's
// lib does not declare yet.
interface RegExpConstructor {
  escape(text: string): string;
}
interface Math {
  sumPrecise(values: Iterable<number>): number;
}
interface Uint8Array {
  toBase64(options?: { alphabet?: "base64" | "base64url"; omitPadding?: boolean }): string;
}
interface Uint8ArrayConstructor {
  fromHex(text: string): Uint8Array<ArrayBuffer>;
}
