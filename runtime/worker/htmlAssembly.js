// Stitches the final HTML: Document prefix, the app's HTML stream, the RSC
// payload inlined progressively as <script> tags, Document suffix.
//
// RSC chunks are written after a whole flush of React's HTML writer (React
// enqueues one flush synchronously; a macrotask later it is complete), so a
// script never lands inside a tag. They land at the top level of the
// hydration root, where React's hydration skips foreign nodes.
import { FLIGHT_GLOBAL } from "../shared/protocol.js";

const encoder = new TextEncoder();

export function flightScript(text) {
  const json = JSON.stringify(text).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<script>(self.${FLIGHT_GLOBAL}||=[]).push(${json})</script>`;
}

export function splitDocumentHtml(html, marker) {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error("switchyard: the Document did not render {children}");
  return [html.slice(0, at), html.slice(at + marker.length)];
}

export function assembleHtml({ prefix, appHtml, rscStream, suffix }) {
  let pending = "";
  const rscDone = (async () => {
    const decoder = new TextDecoder();
    const reader = rscStream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      if (text) pending += flightScript(text);
    }
    const tail = decoder.decode();
    if (tail) pending += flightScript(tail);
  })();

  return new ReadableStream({
    start(controller) {
      let timer = null;
      const flush = () => {
        timer = null;
        if (pending) {
          controller.enqueue(encoder.encode(pending));
          pending = "";
        }
      };
      (async () => {
        controller.enqueue(encoder.encode(prefix));
        const reader = appHtml.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          controller.enqueue(value);
          timer ??= setTimeout(flush, 0);
        }
        await rscDone;
        if (timer !== null) clearTimeout(timer);
        flush();
        controller.enqueue(encoder.encode(suffix));
        controller.close();
      })().catch((error) => controller.error(error));
    },
  });
}
