import { requestInfo } from "switchyard/requestInfo";
import { Counter } from "../components/Counter";
import { ModernFeatures } from "../components/ModernFeatures";
import { ProductList } from "../components/ProductList";
import { ProductPicker } from "../components/ProductPicker";
import { WasmSum } from "../components/WasmSum";
import logoUrl from "../assets/logo.svg";
import about from "../content/about.md?raw";
import aboutUrl from "../content/about.md?url";
import { RequestDetails } from "../components/RequestDetails";
import card from "../components/Card.module.css";

export function Home() {
  const { env } = requestInfo;
  return (
    <main className="mx-auto max-w-2xl p-8">
      <img id="logo" src={logoUrl} alt="Switchyard logo" width={64} height={64} />
      <h1 id="title" className={`text-3xl font-bold text-sky-700 ${card.title}`}>{env.APP_NAME}</h1>
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
