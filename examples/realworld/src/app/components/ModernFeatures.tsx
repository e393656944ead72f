import { modernFeatures } from "../modern";

// Server component: runs src/app/modern.ts in the worker on every render and
// lists each feature with its result.
export async function ModernFeatures() {
  const checks = await modernFeatures();
  const failed = checks.filter((c) => c.value !== c.expected);
  return (
    <section id="modern-js" data-failed={failed.length}>
      <h2 className="mt-6 text-xl font-semibold">Modern JavaScript</h2>
      <p>
        {checks.length - failed.length} of {checks.length} features work
      </p>
      <ul className="text-sm">
        {checks.map((c) => (
          <li key={c.feature} data-feature={c.feature} data-ok={c.value === c.expected}>
            {c.value === c.expected ? "✓" : "✗"} {c.feature}: {c.value}
          </li>
        ))}
      </ul>
    </section>
  );
}
