import { requestInfo } from "switchyard/requestInfo";
import { Counter } from "../components/Counter";

export function Home() {
  const { env } = requestInfo;
  return (
    <main>
      <h1 id="title">{env.APP_NAME}</h1>
      <Counter />
    </main>
  );
}
