// Reads the RSC payload the worker inlined into the HTML as
// <script>(self.__SWITCHYARD_FLIGHT__||=[]).push("...")</script>: chunks
// already pushed, then later ones (the page may still be streaming), closed
// when the document has been parsed.
import { FLIGHT_GLOBAL } from "../shared/protocol.js";

export function readInlinedPayload() {
  const encoder = new TextEncoder();
  const chunks = (self[FLIGHT_GLOBAL] ||= []);
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      chunks.length = 0;
      chunks.push = (chunk) => {
        controller.enqueue(encoder.encode(chunk));
        return 0;
      };
      const close = () => controller.close();
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", close, { once: true });
      else close();
    },
  });
}
