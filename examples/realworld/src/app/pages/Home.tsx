import { requestInfo } from "switchyard/requestInfo";
import { Counter } from "../components/Counter";
import { ModernFeatures } from "../components/ModernFeatures";

export function Home() {
  const { env } = requestInfo;
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 id="title" className="text-3xl font-bold text-sky-700">{env.APP_NAME}</h1>
      <Counter />
      <ModernFeatures />
    </main>
  );
}
