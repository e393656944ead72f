import type { ReactNode } from "react";
import "@fontsource/inter";
import "./styles.css";

export function Document({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Realworld</title>
      </head>
      <body>
        <div id="root">{children}</div>
      </body>
    </html>
  );
}
