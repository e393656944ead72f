import { env } from "cloudflare:workers";

import { Counter } from "@/app/components/Counter";
import { EnvInfo } from "@/app/components/EnvInfo";
import { ModernFeatures } from "@/app/components/ModernFeatures";
import { ProductList } from "@/app/components/ProductList";
import { ProductPicker } from "@/app/components/ProductPicker";
import { WasmSum } from "@/app/components/WasmSum";
import logoUrl from "../assets/logo.svg";
import about from "../content/about.md?raw";
import aboutUrl from "../content/about.md?url";
import { RequestDetails } from "@/app/components/RequestDetails";
import card from "../components/Card.module.css";
import { describeSecret } from "@/app/lib/secret";

export async function Home() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <img id="logo" src={logoUrl} alt="Switchyard logo" width={64} height={64} />
      <h1 id="title" className={`text-3xl font-bold text-sky-700 ${card.title}`}>{env.APP_NAME}</h1>
      <p id="env-server">
        <span id="env-server-greeting">{import.meta.env.VITE_GREETING}</span> (
        <span id="env-server-mode">{import.meta.env.MODE}</span>, SSR{" "}
        <span id="env-server-ssr">{String(import.meta.env.SSR)}</span>)
      </p>
      <p id="secret">API secret: {await describeSecret(env.API_SECRET)}</p>
      <EnvInfo />
      <Counter />
      <ModernFeatures />
      <ProductList />
      <ProductPicker />
      <WasmSum a={19} b={23} />
      <pre id="about">{about}</pre>
      <a id="about-link" href={aboutUrl}>
        about.md
      </a>
      <RequestDetails />
    </main>
  );
}
