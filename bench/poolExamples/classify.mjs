// node classify.mjs logs/GEN/failures.tsv
// Groups the failed tests / files / runs of a tally by root cause (first match wins;
// causes established by reading the logs and small probes, see README.md).
import fs from "node:fs";

const causes = [
	// --- expected: bindings / APIs Switchyard does not model yet
	["expected: Durable Objects", /Durable Object namespace|needs Durable Objects/],
	["expected: R2", /R2 bucket/],
	["expected: Queues", /Queue producer/],
	["expected: Workflows", /Workflows/],
	["expected: Workers AI / Vectorize", /Workers AI|Vectorize/],
	["expected: Hyperdrive", /Hyperdrive/],
	["expected: Rate limiting", /Rate limiting/],
	["expected: Cache API", /Cache API/],
	["expected: Pages (buildPagesASSETSBinding)", /buildPagesASSETSBinding/],
	// --- Switchyard bugs / missing pool features
	["bug: ExecutionContext.exports (ctx.exports) missing", /Cannot read properties of undefined \(reading '(NamedEntryPoint|Counter|ConfiguredVirtual\w+|InvalidExport|ReexportedVirtualEntryPoint|ExplicitVirtualEntryPoint|UnboundCounter)'\)/],
	["bug: cloudflare:workers has no RpcStub export", /RpcStub/],
	["bug: worker pre-bundle does not keep cloudflare:* external (plain Workers app)", /Could not resolve "cloudflare:workers"|Failed to resolve import "@cloudflare\/containers"/],
	["bug: Request/fetch with a ReadableStream body needs duplex (undici vs workerd)", /duplex option is required/],
	["bug: CryptoKey global missing", /CryptoKey is not defined/],
	["bug: env.PIPELINE absent (pipelines binding not stubbed)", /reading 'send'\)/],
	["bug: pre-bundling a CJS dep that requires .wasm?module", /cjs-wasm-module-dep/],
	["bug: fetchMock query arrays joined with commas (querystring shim)", /fallthrough:GET https:\/\/example.com\/b|interceptor is pending/],
	["bug/limit: node:fs refused at import (nunjucks requires fs; workerd gives a virtual fs)", /node:fs cannot be imported/],
	["missing: experimental.newConfig (cloudflare.config.ts)", /from cloudflare.config.ts|requires `main` to be set/],
	["cascade of an earlier failure in the same file", /expected 401 to be 204/],
	["env: @msw/cloudflare not on the npm registry here", /@msw\/cloudflare/],
];
const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
const groups = new Map();
for (const [project, file, test, error] of rows) {
	const cause = causes.find(([, re]) => re.test(error))?.[0] ?? "UNCLASSIFIED";
	if (!groups.has(cause)) groups.set(cause, []);
	groups.get(cause).push({ project, file, test, error });
}
for (const [cause, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
	const tests = list.filter((r) => r.test !== "(file)" && r.test !== "(no json)").length;
	const files = list.filter((r) => r.test === "(file)").length;
	const runs = list.filter((r) => r.test === "(no json)").length;
	const projects = [...new Set(list.map((r) => r.project))].join(", ");
	console.log(`${cause}: ${tests} tests${files ? `, ${files} files failed at import` : ""}${runs ? `, ${runs} runs` : ""} [${projects}]`);
	console.log(`    e.g. ${list[0].file} > ${list[0].test}: ${list[0].error.slice(0, 160)}`);
}
